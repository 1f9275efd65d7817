// Mathematics of fieldnotes: copying text with formulas gives each formula's TeX source (from its MathML annotation) as plain
// text; browsers would copy the rendered symbols one per line. The HTML copy keeps the MathML.
(function () {
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, pre, tr";

  function tex(formula) {
    var source = formula.querySelector('annotation[encoding="application/x-tex"]');
    var text = source ? source.textContent.trim() : formula.textContent;
    return formula.classList.contains("fn-math--display") ? "$$\n" + text + "\n$$" : "$" + text + "$";
  }

  document.addEventListener("copy", function (event) {
    var selection = document.getSelection();
    if (!selection || selection.isCollapsed || !event.clipboardData) return;
    var formulas = Array.prototype.filter.call(document.querySelectorAll(".fn-math"), function (formula) {
      return selection.containsNode(formula, true);
    });
    if (!formulas.length) return;
    var html = document.createElement("div");
    html.appendChild(selection.getRangeAt(0).cloneContents());
    var plain = html.cloneNode(true);
    var clones = plain.querySelectorAll(".fn-math");
    var text;
    if (!clones.length) {
      text = tex(formulas[0]);  // the selection lies inside one formula
    } else {
      clones.forEach(function (clone, index) { clone.replaceWith(tex(formulas[index])); });
      plain.querySelectorAll(BLOCKS).forEach(function (block) { block.append("\n"); });
      text = plain.textContent.replace(/\n{3,}/g, "\n\n").trim();
    }
    event.clipboardData.setData("text/plain", text);
    event.clipboardData.setData("text/html", html.innerHTML);
    event.preventDefault();
  });
})();
