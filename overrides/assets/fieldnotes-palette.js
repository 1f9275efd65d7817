// The reader's chosen colour scheme, applied where the header starts, before the page is drawn:
// a file instead of the theme's inline script, so the Content-Security-Policy needs no exception.
(function () {
  "use strict";

  var palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  var color = palette.color;
  if (color.media === "(prefers-color-scheme)") {
    // "Follow the system": take the scheme of the palette entry that matches the system now.
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var input = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
    ["media", "scheme", "primary", "accent"].forEach(function (name) {
      color[name] = input.getAttribute("data-md-color-" + name);
    });
  }
  Object.keys(color).forEach(function (name) {
    document.body.setAttribute("data-md-color-" + name, color[name]);
  });
})();
