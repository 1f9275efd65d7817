"""What goes into the search index, decided page by page from the pages' own markup as the build
writes them.

- A page is indexed when its template marks the content with `data-pagefind-body` (posts and
  site pages) and it does not ask robots to stay away (`noindex`: missing-translation pages).
  Navigation, sidebars, listings and footers lie outside the marked element.
- Each page joins the index of its `<html lang>`.
- A post that has no version in another language of the site (no `hreflang` alternate for it)
  is also indexed into that language's index, under its own URL: readers of that language find
  it as the listings show it, in its original language and marked by its `lang` metadata. Its
  tag and author filter values take that language's labels, as the other pages there have them,
  so that filtering by a tag finds it too. These entries come last, once every page has given
  its labels.

Only a cheap scan of the text is needed: the markers come from our own templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BODY_MARKER = "data-pagefind-body"
NOINDEX_RE = re.compile(r'<meta name="robots" content="[^"]*noindex')
HTML_LANG_RE = re.compile(r'<html[^>]*\slang="([^"]+)"')
HREFLANG_RE = re.compile(r'<link rel="alternate" hreflang="([^"]+)"')
# A link whose text is a filter value: a tag or an author, named by the last part of its URL.
FILTER_ATTRIBUTE = "data-pagefind-filter="
FILTER_LINK_RE = re.compile(r'(<a\b[^>]*\bhref="[^"]*?([^"/]+)/"[^>]*\bdata-pagefind-filter="(tag|author)"[^>]*>)([^<]*)(</a>)')
X_DEFAULT = "x-default"

# Inside the content, what a reader does not search for: the permalink sign after each heading.
EXCLUDED_SELECTORS = (".headerlink",)


@dataclass(frozen=True)
class IndexedPage:
    file: str  # path under the site root, "/"-separated
    url: str  # the result URL, from the site root: "/posts/alpha/"
    lang: str  # the index this entry joins
    original_lang: str  # the page's own <html lang>; differs for a post shown in another language
    content: str  # the HTML to index; a foreign post's with relabelled filters


@dataclass(frozen=True)
class _Scanned:
    file: str
    lang: str
    alternates: frozenset[str]
    labels: dict[tuple[str, str], str]  # (kind, id) -> the page's label of each filter link


class IndexPlanner:
    """The entries of the index of every language in `languages`, from the pages given one by one."""

    def __init__(self, languages: list[str]) -> None:
        self.languages = [lang.lower() for lang in languages]
        self.labels: dict[str, dict[tuple[str, str], str]] = {lang: {} for lang in self.languages}
        self.shown_elsewhere: list[tuple[_Scanned, str]] = []  # pages some language has no version of

    def add(self, file: str, html: str) -> IndexedPage | None:
        """The page's entry in its own language's index, or None when it is not indexed."""
        page = _scan(file, html)
        if page is None:
            return None
        self.labels.setdefault(page.lang, {}).update(page.labels)
        if page.alternates and any(lang != page.lang and lang not in page.alternates for lang in self.languages):
            self.shown_elsewhere.append((page, html))
        return IndexedPage(file, page_url(file), page.lang, page.lang, html)

    def foreign_entries(self) -> list[IndexedPage]:
        """Once every page is added: each post again in the index of each language that lacks it."""
        entries = []
        for page, html in self.shown_elsewhere:
            for lang in self.languages:
                if lang != page.lang and lang not in page.alternates:
                    content = relabel_filters(html, self.labels[lang])
                    entries.append(IndexedPage(page.file, page_url(page.file), lang, page.lang, content))
        return sorted(entries, key=lambda entry: (entry.lang, entry.url))


def relabel_filters(html: str, labels: dict[tuple[str, str], str]) -> str:
    """`html` with the text of each tag and author link replaced by the label in `labels`, where known."""

    def relabel(link: re.Match) -> str:
        label = labels.get((link.group(3), link.group(2)), link.group(4))
        return link.group(1) + label + link.group(5)

    return FILTER_LINK_RE.sub(relabel, html)


def page_url(file: str) -> str:
    """The URL a page file is served at, from the site root: "posts/a/index.html" -> "/posts/a/"."""
    folder, _, name = file.rpartition("/")
    if name == "index.html":
        return f"/{folder}/" if folder else "/"
    return f"/{file}"


def _scan(file: str, html: str) -> _Scanned | None:
    if BODY_MARKER not in html or NOINDEX_RE.search(html):
        return None
    end = html.find("</head>")
    head = html if end < 0 else html[:end]
    lang = HTML_LANG_RE.search(html)
    alternates = frozenset(value.lower() for value in HREFLANG_RE.findall(head)) - {X_DEFAULT}
    labels = {(link.group(3), link.group(2)): link.group(4) for link in _filter_links(html)}
    return _Scanned(file, lang.group(1).lower() if lang else "unknown", alternates, labels)


def _filter_links(html: str):
    """FILTER_LINK_RE's matches, found from the few filter attributes rather than from every link."""
    position = html.find(FILTER_ATTRIBUTE)
    while position >= 0:
        start = html.rfind("<a", 0, position)
        link = FILTER_LINK_RE.match(html, start) if start >= 0 else None
        if link is not None:
            yield link
        position = html.find(FILTER_ATTRIBUTE, position + 1)
