// Material downloads the whole search index (50-60 kB compressed, more in Japanese) as soon as a
// page loads. Hold that request until the reader first opens search, so reading costs only the page.
(function () {
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var searchOpened = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.fieldnotesIndex = INDEX.test(new URL(url, location.href).pathname);
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
