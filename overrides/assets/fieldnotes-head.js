// What runs in <head>, before the page is drawn. It is a file, not inline script, so the
// Content-Security-Policy allows only the site's own scripts and no inline script at all.
(function () {
  "use strict";

  // Material's bundle keeps preferences (colour scheme, dismissed banners) in localStorage under the
  // path of the site root; it expects these four globals, which the theme would write inline.
  var root = new URL("..", document.currentScript.src);
  window.__md_scope = root;
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = (hash << 5) - hash + text.charCodeAt(i) | 0;
    return hash;
  };
  window.__md_get = function (key, storage, scope) {
    return JSON.parse((storage || localStorage).getItem((scope || root).pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    try {
      (storage || localStorage).setItem((scope || root).pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage may be full or forbidden (private windows): the preference is simply not kept.
    }
  };

  // Material requests "<href>/sitemap.xml" through XMLHttpRequest for every <link rel="alternate">
  // on page load, to keep readers on the same page when they switch language. Our switcher links
  // already point at the same page, and our hreflang links are absolute production URLs, so those
  // requests would leave the site: refuse them.
  var SITEMAP = /\/sitemap\.xml$/;
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (SITEMAP.test(new URL(url, location.href).pathname)) {
      throw new Error("sitemap lookup disabled: the language switcher links pages directly");
    }
    return open.apply(this, arguments);
  };

  // Material shows the header's search box once its bundle, at the end of the page, removes "no-js";
  // doing it here, before the first paint, keeps the header from shifting when the box appears.
  document.documentElement.classList.remove("no-js");
})();
