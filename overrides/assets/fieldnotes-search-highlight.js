// Highlights the words of the search that led here (?highlight=word&highlight=...) in the page's
// content. It paints ranges with the CSS Custom Highlight API: the DOM is not touched, so nothing
// moves. Words match as search matched them: case, width variants and accents folded.
(function () {
  "use strict";

  var NAME = "fieldnotes-search";
  var box = document.querySelector("[data-fieldnotes-search]");
  var content = document.querySelector("[data-pagefind-body]");
  if (!box || !content || typeof Highlight !== "function" || !CSS.highlights) return;
  var config = JSON.parse(box.querySelector(".fn-search-config").textContent);
  var widthVariants = new RegExp(config.rules.widthVariants, "gu");
  var LATIN = /[\p{Script=Latin}\p{Nd}]/u;

  var terms = new URLSearchParams(location.search)
    .getAll(config.highlightParam)
    .map(function (term) { return fold(term).text; })
    .filter(Boolean);
  if (!terms.length) return;

  // Text folded character by character, with the offset each folded character came from.
  function fold(text) {
    var folded = "";
    var origins = [];
    var wide = [];
    text.replace(widthVariants, function (run, at) {
      wide.push([at, run.length, run.normalize("NFKC")]);
      return run;
    });
    var index = 0;
    var next = 0;
    while (index < text.length) {
      var piece;
      var size;
      if (next < wide.length && wide[next][0] === index) {
        piece = wide[next][2];
        size = wide[next][1];
        next++;
      } else {
        size = text.codePointAt(index) > 0xffff ? 2 : 1;
        piece = text.slice(index, index + size);
      }
      piece = piece.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      for (var i = 0; i < piece.length; i++) origins.push(index);
      folded += piece;
      index += size;
    }
    origins.push(index);
    return { text: folded, origins: origins };
  }

  function startsWord(text, at) {
    return at === 0 || !LATIN.test(text[at - 1]) || !LATIN.test(text[at]);
  }

  var ranges = [];
  var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      return node.parentElement.closest("script, style, [data-pagefind-ignore]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    var folded = fold(node.data);
    terms.forEach(function (term) {
      for (var at = folded.text.indexOf(term); at >= 0; at = folded.text.indexOf(term, at + term.length)) {
        if (!startsWord(folded.text, at)) continue;
        var range = new Range();
        range.setStart(node, folded.origins[at]);
        range.setEnd(node, folded.origins[at + term.length]);
        ranges.push(range);
      }
    });
  }
  if (ranges.length) CSS.highlights.set(NAME, new Highlight(...ranges));
})();
