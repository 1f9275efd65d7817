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
