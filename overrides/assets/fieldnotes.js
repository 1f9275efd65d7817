// Language switcher: land on the same section of the other language's page. Translations share
// heading ids, so the id of the heading the reader has scrolled past is the fragment to carry.
(function () {
  function currentSection() {
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    var offset = 96;
    var current = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top - offset <= 0) current = headings[i].id;
      else break;
    }
    if (current) return "#" + current;
    return location.hash;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-fieldnotes-switch]");
    if (!link) return;
    link.href = link.href.split("#")[0] + currentSection();
  }, true);
})();

// What Material adds to code blocks once the page has loaded, made accessible on every device:
// - a block that scrolls sideways can be focused, so the keyboard scrolls it (Material does this
//   only where the device has hover, which leaves phones and tablets without it);
// - the copy button's <nav> is not a landmark: each block would add an unnamed navigation region.
(function () {
  var resize = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { reachable(entry.target); });
  });

  function reachable(code) {
    if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
  }

  function adopt(root) {
    root.querySelectorAll(".md-code__nav").forEach(function (nav) { nav.setAttribute("role", "none"); });
    root.querySelectorAll("pre > code").forEach(function (code) {
      if (code.fieldnotesObserved) return;
      code.fieldnotesObserved = true;
      resize.observe(code);
    });
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) { if (node.querySelectorAll) adopt(node.parentNode || node); });
    });
  }).observe(document.body, { childList: true, subtree: true });
  adopt(document);
})();
