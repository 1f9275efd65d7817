// Requests Material makes on every page load that this site does not want, held in one place
// because both are made through XMLHttpRequest:
// - "<href>/sitemap.xml" for every <link rel="alternate">, to keep readers on the same page when
//   they switch language. Our switcher links already point at the same page, and our hreflang
//   links are absolute production URLs, so those requests would leave the site.
// - the search index (50-60 kB compressed, more in Japanese), held until the reader first opens
//   search, so reading a page costs only the page.
(function () {
  var SITEMAP = /\/sitemap\.xml$/;
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var searchOpened = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    var path = new URL(url, location.href).pathname;
    if (SITEMAP.test(path)) {
      throw new Error("sitemap lookup disabled: the language switcher links pages directly");
    }
    this.fieldnotesIndex = INDEX.test(path);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.fieldnotesIndex && !searchOpened) {
      held.push({ request: this, args: arguments });
      return;
    }
    return send.apply(this, arguments);
  };

  // Material focuses the search field whenever search opens: a click on the icon, a hotkey, ?q= in the URL.
  document.addEventListener("focusin", function (event) {
    if (searchOpened || !event.target.matches("[data-md-component=search-query]")) return;
    searchOpened = true;
    held.forEach(function (call) { send.apply(call.request, call.args); });
    held = [];
  });
})();
