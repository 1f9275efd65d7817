// Highlights the words of the search that led here (?highlight=word&highlight=...) in the page's
// content. It paints ranges with the CSS Custom Highlight API: the DOM is not touched, so nothing
// moves. Words match as search matched them: case, width variants and accents folded. A
// Japanese word the page does not hold as typed is looked for as the words a segmenter finds in
// it, those of one character left out.
(function () {
  "use strict";

  var NAME = "fieldnotes-search";
  var box = document.querySelector("[data-fieldnotes-search]");
  var content = document.querySelector("[data-pagefind-body]");
  if (!box || !content || typeof Highlight !== "function" || !CSS.highlights) return;
  var config = JSON.parse(document.getElementById("fn-search-config").textContent);
  var widthVariants = new RegExp(config.rules.widthVariants, "gu");
  var japanese = new RegExp(config.rules.japanese, "u");
  var segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(config.rules.segmenterLocale, { granularity: "word" }) : null;
  var LATIN = /[\p{Script=Latin}\p{Nd}]/u;

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

  var texts = [];
  var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      return node.parentElement.closest("script, style, [data-pagefind-ignore]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (var node = walker.nextNode(); node; node = walker.nextNode()) texts.push({ node: node, folded: fold(node.data) });

  function rangesOf(term) {
    var found = [];
    texts.forEach(function (text) {
      var folded = text.folded;
      for (var at = folded.text.indexOf(term); term && at >= 0; at = folded.text.indexOf(term, at + term.length)) {
        if (!startsWord(folded.text, at)) continue;
        var range = new Range();
        range.setStart(text.node, folded.origins[at]);
        range.setEnd(text.node, folded.origins[at + term.length]);
        found.push(range);
      }
    });
    return found;
  }

  function partsOf(word) {
    if (!segmenter || !japanese.test(word)) return [];
    var parts = [];
    for (var part of segmenter.segment(word)) {
      if (part.isWordLike && (part.segment.length > 1 || !japanese.test(part.segment))) parts.push(fold(part.segment).text);
    }
    return parts;
  }

  var ranges = [];
  new URLSearchParams(location.search).getAll(config.highlightParam).forEach(function (word) {
    var found = rangesOf(fold(word).text);
    if (!found.length) partsOf(word).forEach(function (part) { found = found.concat(rangesOf(part)); });
    ranges = ranges.concat(found);
  });
  if (ranges.length) CSS.highlights.set(NAME, new Highlight(...ranges));
})();
