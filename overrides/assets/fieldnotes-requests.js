// Material requests "<href>/sitemap.xml" through XMLHttpRequest for every <link rel="alternate">
// on page load, to keep readers on the same page when they switch language. Our switcher links
// already point at the same page, and our hreflang links are absolute production URLs, so those
// requests would leave the site: refuse them.
(function () {
  var SITEMAP = /\/sitemap\.xml$/;
  var open = XMLHttpRequest.prototype.open;

  XMLHttpRequest.prototype.open = function (method, url) {
    if (SITEMAP.test(new URL(url, location.href).pathname)) {
      throw new Error("sitemap lookup disabled: the language switcher links pages directly");
    }
    return open.apply(this, arguments);
  };
})();

// Material shows the header's search box once its bundle, at the end of the page, removes "no-js";
// doing it here, before the first paint, keeps the header from shifting when the box appears.
document.documentElement.classList.remove("no-js");
