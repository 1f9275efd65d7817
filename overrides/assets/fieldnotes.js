// Language switcher: land on the same section of the other language's page. Translations share
// heading ids, so the id of the heading the reader has scrolled past is the fragment to carry.
(function () {
  function currentSection() {
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    // A heading the reader has scrolled past is under the fixed header, or just below it.
    var header = document.querySelector(".md-header");
    var offset = (header ? header.getBoundingClientRect().bottom : 0) + 16;
    var current = null;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= offset) current = headings[i].id;
      else break;
    }
    // A target the page could not scroll up to (near its end) is on screen but not passed: it is the place.
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      var box = target.getBoundingClientRect();
      if (box.top > offset && box.bottom <= window.innerHeight) return location.hash;
    }
    return current ? "#" + current : location.hash;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-fieldnotes-switch]");
    if (!link) return;
    link.href = link.href.split("#")[0] + currentSection();
  }, true);
})();

// What Material adds to code blocks and tables once the page has loaded, made accessible on every device:
// - a block or table that scrolls sideways can be focused, so the keyboard scrolls it (Material does
//   this for code only where the device has hover, and takes the tabindex away elsewhere: it is put back);
// - the copy button's <nav> is not a landmark: each block would add an unnamed navigation region.
(function () {
  var resize = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { reachable(entry.target); });
  });
  var restore = new MutationObserver(function (records) {
    records.forEach(function (record) { reachable(record.target); });
  });

  function reachable(box) {
    if (box.scrollWidth > box.clientWidth && box.getAttribute("tabindex") !== "0") box.setAttribute("tabindex", "0");
  }

  function adopt(root) {
    root.querySelectorAll(".md-code__nav").forEach(function (nav) { nav.setAttribute("role", "none"); });
    root.querySelectorAll("pre > code, .md-typeset__scrollwrap").forEach(function (box) {
      if (box.fieldnotesObserved) return;
      box.fieldnotesObserved = true;
      resize.observe(box);
      restore.observe(box, { attributes: true, attributeFilter: ["tabindex"] });
    });
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) { if (node.querySelectorAll) adopt(node.parentNode || node); });
    });
  }).observe(document.body, { childList: true, subtree: true });
  adopt(document);
})();
