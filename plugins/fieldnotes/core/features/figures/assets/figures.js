// Numbered figures and tables of fieldnotes: each can be opened full-screen in a dialog (a button added
// here, so pages without script keep the plain figure), from the keyboard too; Esc or the close button
// closes it and gives the focus back. The dialog shows the image of the scheme in use.
(function () {
  "use strict";

  var closeLabel = document.currentScript.dataset.close || "Close";
  var dialog = null;

  function ensureDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "fn-zoom";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "fn-zoom__close md-button";
    close.textContent = closeLabel;
    close.addEventListener("click", function () { dialog.close(); });
    var stage = document.createElement("div");
    stage.className = "fn-zoom__stage";
    dialog.append(close, stage);
    // A click on the backdrop (the dialog itself, outside its content) closes it.
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    document.body.appendChild(dialog);
    return dialog;
  }

  // The copy shows what the reader sees: of the two drawings, the one the colour scheme does not hide.
  function copyOf(figure) {
    var copy = figure.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id], .fn-figure__zoom").forEach(function (node) {
      if (node.classList.contains("fn-figure__zoom")) node.remove(); else node.removeAttribute("id");
    });
    var shown = Array.prototype.filter.call(figure.querySelectorAll("img"), function (img) { return img.offsetParent !== null; });
    copy.querySelectorAll("img").forEach(function (img, index) {
      if (shown.length && shown.indexOf(figure.querySelectorAll("img")[index]) < 0) img.remove();
      else img.loading = "eager";
    });
    return copy;
  }

  function open(figure, button) {
    var zoom = ensureDialog();
    zoom.querySelector(".fn-zoom__stage").replaceChildren(copyOf(figure));
    zoom.setAttribute("aria-label", button.getAttribute("aria-label"));
    zoom.addEventListener("close", function () { button.focus(); }, { once: true });
    zoom.showModal();
  }

  document.querySelectorAll("figure[data-fn-zoom]").forEach(function (figure) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "fn-figure__zoom md-icon";
    button.setAttribute("aria-label", figure.dataset.fnZoom);
    button.title = figure.dataset.fnZoom;
    button.textContent = "⤢";
    button.addEventListener("click", function () { open(figure, button); });
    figure.insertBefore(button, figure.firstChild);
  });
})();
