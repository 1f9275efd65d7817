// Site search in Material's header box, answered by the Pagefind index of the page's language.
// Nothing is fetched until the reader opens search (a click, "/", "s" or "f"); then Pagefind's
// script, WebAssembly and the index fragments a query needs. Results are grouped by page, the
// page first and its matching sections after it; arrows move through them, Enter opens one, Esc
// closes search. A result's URL asks the target page to highlight the query's words, which
// fieldnotes-search-highlight.js does, loaded only on such a page.
(function () {
  "use strict";

  var PAGES_PER_BATCH = 5;
  var SECTIONS_PER_PAGE = 3;
  var EXCERPT_WORDS = 24;
  var SCRIPT_URL = document.currentScript.src;

  var box = document.querySelector("[data-fieldnotes-search]");
  if (!box) return;
  var config = JSON.parse(document.getElementById("fn-search-config").textContent);
  var texts = config.texts;
  var lang = document.documentElement.lang;
  var toggle = document.getElementById("__search");
  var form = box.querySelector(".md-search__form");
  var input = box.querySelector(".md-search__input");
  var status = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var scrollwrap = box.querySelector(".md-search__scrollwrap");
  var filterBox = box.querySelector(".fn-search-filter");
  var tagSelect = filterBox.querySelector("select");
  var longVowelEnding = new RegExp(config.rules.longVowelEnding, "gu");
  var japanese = new RegExp(config.rules.japanese, "u");
  var segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(config.rules.segmenterLocale, { granularity: "word" }) : null;
  // What the index wrote into Japanese text, undone in what is shown: cuts (the mark and a
  // space) taken out, folded long vowels (their mark after katakana) written as ー again.
  var cut = new RegExp(escaped(config.rules.segmentMark) + "((?:</?mark>)*)(?: |$)", "g");
  var longVowel = new RegExp("(?<=[\u30a1-\u30fa\u30fc](?:</?mark>)*)" + escaped(config.rules.longVowelMark), "g");

  var pagefind = null; // a promise of Pagefind's module, made when search first opens
  var tagsLoaded = false;
  var searchId = 0;
  var pending = []; // results not rendered yet, for the next batch
  var queryTerms = [];
  var typedWords = []; // for the page a result opens to highlight, as typed (fieldnotes-search-highlight.js)
  var active = -1;
  var optionCount = 0;

  // --- the query ------------------------------------------------------------------------------

  // What the index got (fieldnotes.core.search.normalize): NFKC, no final ー, Japanese words cut apart.
  function foldQuery(query) {
    return query.normalize("NFKC").replace(longVowelEnding, "").trim();
  }

  function segmentJapanese(text) {
    if (!segmenter || !japanese.test(text)) return text;
    var cutText = "";
    var previous = "";
    for (var part of segmenter.segment(text)) {
      var before = previous.slice(-1);
      var after = part.segment[0];
      if (before && !/\s/.test(before) && !/\s/.test(after) && (japanese.test(before) || japanese.test(after))) cutText += " ";
      cutText += part.segment;
      previous = part.segment;
    }
    return cutText;
  }

  function shown(text) {
    return text.replace(cut, "$1").replace(longVowel, "\u30fc");
  }

  function escaped(text) {
    return text.replace(/[^\w\s]/g, "\\$&");
  }

  function wordsOf(query) {
    if (!segmenter) return query.split(/\s+/).filter(Boolean);
    var words = [];
    for (var part of segmenter.segment(query)) if (part.isWordLike) words.push(part.segment);
    return words;
  }

  // Pagefind ranks pages by each word on its own; a page where the words of the query stand
  // together (推論攻撃, "membership inference") comes first, then the others.
  function rankedSearch(module, query, filters) {
    var options = { filters: filters };
    if (!query) return module.search(null, options).then(function (found) { return found.results; });
    var searches = [module.search(query, options)];
    if (wordsOf(query).length > 1 && !/^\s*".*"\s*$/.test(query)) searches.push(module.search('"' + query + '"', options));
    return Promise.all(searches).then(function (found) {
      var all = found[0].results;
      if (found.length === 1) return all;
      var together = found[1].results;
      var seen = new Set(together.map(function (result) { return result.id; }));
      return together.concat(all.filter(function (result) { return !seen.has(result.id); }));
    });
  }

  // --- loading --------------------------------------------------------------------------------

  function load() {
    if (!pagefind) {
      var url = new URL(box.getAttribute("data-fieldnotes-search"), document.baseURI).href;
      pagefind = import(url).then(function (module) {
        return module.options({ excerptLength: EXCERPT_WORDS }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return pagefind;
  }

  // After the first results, so that they wait for nothing more.
  function loadTags(module) {
    if (tagsLoaded) return;
    tagsLoaded = true;
    module.filters().then(function (filters) {
      var tags = Object.keys(filters.tag || {}).sort(function (a, b) { return a.localeCompare(b, lang); });
      tags.forEach(function (tag) {
        var option = document.createElement("option");
        option.value = tag;
        option.textContent = shown(tag) + " (" + filters.tag[tag] + ")";
        tagSelect.appendChild(option);
      });
      filterBox.hidden = tags.length === 0;
    });
  }

  // --- searching and rendering ----------------------------------------------------------------

  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function countText(count) {
    if (count === 0) return texts.search_none;
    var forms = texts.search_count;
    var form = new Intl.PluralRules(document.documentElement.lang).select(count);
    return (forms[form] || forms.other).replace("{count}", count);
  }

  function clearResults() {
    pending = [];
    list.replaceChildren();
    optionCount = 0;
    setActive(-1);
    input.setAttribute("aria-expanded", "false");
  }

  function search() {
    var id = ++searchId;
    var folded = foldQuery(input.value);
    var query = segmentJapanese(folded);
    var tag = tagSelect.value;
    if (!query && !tag) {
      clearResults();
      setStatus(texts.search_prompt);
      list.setAttribute("aria-busy", "false");
      return;
    }
    list.setAttribute("aria-busy", "true");
    if (!pagefind) setStatus(texts.search_loading);
    load()
      .then(function (module) {
        return rankedSearch(module, query, tag ? { tag: [tag] } : {}).then(function (results) {
          if (id !== searchId) return;
          clearResults();
          queryTerms = wordsOf(query).map(function (word) { return word.toLowerCase(); });
          typedWords = folded.split(/\s+/).filter(Boolean);
          pending = results.slice();
          return renderBatch(id).then(function () {
            if (id !== searchId) return;
            setStatus(countText(results.length));
            list.setAttribute("aria-busy", "false");
            loadTags(module);
          });
        });
      })
      .catch(function () {
        if (id !== searchId) return;
        setStatus(texts.search_failed);
        list.setAttribute("aria-busy", "false");
      });
  }

  function renderBatch(id) {
    var batch = pending.splice(0, PAGES_PER_BATCH);
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (id !== searchId) return;
      pages.forEach(function (page) { list.appendChild(renderPage(page)); });
      input.setAttribute("aria-expanded", optionCount > 0 ? "true" : "false");
    });
  }

  function renderPage(page) {
    var item = element("div", "md-search-result__item");
    var title = shown(page.meta.title || page.url);
    item.setAttribute("role", "group");
    item.setAttribute("aria-label", title);
    // The part before the first section heading, or under the page's own <h1>, is the page's.
    var ownPart = function (sub) { return !sub.anchor || sub.anchor.element === "h1"; };
    var intro = page.sub_results.filter(ownPart)[0];
    var sections = page.sub_results.filter(function (sub) { return !ownPart(sub); });
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    var heading = element("h1");
    var foreign = page.meta.lang && page.meta.lang !== lang;
    if (foreign) heading.lang = page.meta.lang;
    appendMarkedTitle(heading, title);
    if (foreign) {
      var badge = element("span", "fn-badge");
      badge.textContent = texts.languages[page.meta.lang] || page.meta.lang;
      badge.lang = lang;
      heading.appendChild(badge);
    }
    article.appendChild(heading);
    var about = [page.meta.date_text, page.meta.authors, page.meta.readtime].filter(Boolean).map(shown).join(" · ");
    if (about) article.appendChild(textElement("p", "fn-search-result__about", about));
    article.appendChild(excerpt(intro || (sections.length ? null : page), foreign ? page.meta.lang : null));
    item.appendChild(option(page.url, article));
    sections.slice(0, SECTIONS_PER_PAGE).forEach(function (section) {
      var part = element("article", "md-search-result__article md-typeset");
      var sectionHeading = element("h2");
      if (foreign) sectionHeading.lang = page.meta.lang;
      appendMarkedTitle(sectionHeading, shown(section.title));
      part.appendChild(sectionHeading);
      part.appendChild(excerpt(section, foreign ? page.meta.lang : null));
      item.appendChild(option(section.url, part));
    });
    return item;
  }

  function option(url, content) {
    var link = element("a", "md-search-result__link");
    var target = new URL(url, location.href);
    typedWords.forEach(function (word) { target.searchParams.append(config.highlightParam, word); });
    link.href = target.href;
    link.id = "fn-search-option-" + optionCount++;
    link.tabIndex = -1;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    link.appendChild(content);
    return link;
  }

  // Pagefind's excerpts are text with <mark> around matched words and only < and > escaped.
  function excerpt(source, textLang) {
    var paragraph = element("p");
    if (textLang) paragraph.lang = textLang;
    if (!source || !source.excerpt) return paragraph;
    shown(source.excerpt).split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var marked = /^<mark>(.*)<\/mark>$/.exec(part);
      var text = (marked ? marked[1] : part).replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      paragraph.appendChild(marked ? textElement("mark", null, text) : document.createTextNode(text));
    });
    return paragraph;
  }

  function appendMarkedTitle(parent, title) {
    var lower = title.toLowerCase();
    var marks = [];
    if (lower.length === title.length) {
      queryTerms.forEach(function (term) {
        for (var at = lower.indexOf(term); term && at >= 0; at = lower.indexOf(term, at + term.length)) marks.push([at, at + term.length]);
      });
    }
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var position = 0;
    marks.forEach(function (mark) {
      if (mark[0] < position) return;
      parent.appendChild(document.createTextNode(title.slice(position, mark[0])));
      parent.appendChild(textElement("mark", null, title.slice(mark[0], mark[1])));
      position = mark[1];
    });
    parent.appendChild(document.createTextNode(title.slice(position)));
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function textElement(tag, className, text) {
    var node = element(tag, className);
    node.textContent = text;
    return node;
  }

  // --- the active option ------------------------------------------------------------------------

  function options() {
    return list.querySelectorAll("[role=option]");
  }

  function setActive(index) {
    var all = options();
    if (active >= 0 && all[active]) all[active].setAttribute("aria-selected", "false");
    active = index;
    if (index < 0 || !all[index]) {
      active = -1;
      input.removeAttribute("aria-activedescendant");
      return;
    }
    all[index].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", all[index].id);
    all[index].scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var count = options().length;
    if (!count) return;
    var next = active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count;
    setActive(next);
    if (next >= count - 2 && pending.length) renderBatch(searchId);
  }

  // --- opening and closing ----------------------------------------------------------------------

  function open() {
    if (!toggle.checked) toggle.checked = true;
    if (document.activeElement !== input) input.focus();
    load();
  }

  function close() {
    toggle.checked = false;
    setActive(-1);
    input.blur();
  }

  function typingInto(target) {
    return target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (typingInto(event.target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      var target = options()[active < 0 ? 0 : active];
      if (target) target.click();
    }
  });
  box.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    close();
  });

  input.addEventListener("focus", open);
  input.addEventListener("input", search);
  tagSelect.addEventListener("change", search);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      search();
      input.focus();
    });
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) open();
    else close();
  });
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) close();
  });
  scrollwrap.addEventListener("scroll", function () {
    if (pending.length && scrollwrap.scrollTop + scrollwrap.clientHeight >= scrollwrap.scrollHeight - 40) renderBatch(searchId);
  });

  // --- the page a result led to -------------------------------------------------------------------

  if (new URLSearchParams(location.search).has(config.highlightParam)) {
    var highlighter = document.createElement("script");
    highlighter.src = new URL("fieldnotes-search-highlight.js", SCRIPT_URL).href;
    document.body.appendChild(highlighter);
  }
})();
