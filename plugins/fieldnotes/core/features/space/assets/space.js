// Hugging Face Spaces of fieldnotes (the ```space block): the Space's frame is made only when the
// reader clicks, from the address checked at build time and checked again here. Nothing is requested
// from Hugging Face before that.
(function () {
  "use strict";

  var SPACE_URL = /^https:\/\/[a-z0-9-]+\.hf\.space$/;
  var SANDBOX = "allow-scripts allow-same-origin allow-forms allow-popups allow-downloads";

  function loadSpace(figure) {
    var data = figure.dataset;
    var box = figure.querySelector(".fn-space__box");
    if (!box || !SPACE_URL.test(data.src || "")) return;
    var iframe = document.createElement("iframe");
    iframe.src = data.src;
    iframe.title = data.title || "";
    iframe.loading = "lazy";
    iframe.setAttribute("sandbox", SANDBOX);
    if (data.allow) iframe.setAttribute("allow", data.allow);
    var focusInside = box.contains(document.activeElement);
    box.replaceChildren(iframe);
    if (focusInside) iframe.focus();  // the button the reader pressed is gone: go on from the demo
  }

  function setUpSpaces() {
    document.querySelectorAll("figure[data-fn-embed='space']").forEach(function (figure) {
      var button = figure.querySelector(".fn-space__load");
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", function () { loadSpace(figure); }, { once: true });
    });
  }

  setUpSpaces();
})();
