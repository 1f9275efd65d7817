// Material fetches "<href>/sitemap.xml" for every <link rel="alternate"> to keep readers on the
// same page when they switch language. Our switcher links already point at the same page, and
// our hreflang links are absolute production URLs, so those requests would leave the site.
(function () {
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (/\/sitemap\.xml$/.test(new URL(url, location.href).pathname)) {
      throw new Error("sitemap lookup disabled: the language switcher links pages directly");
    }
    return open.apply(this, arguments);
  };
})();
