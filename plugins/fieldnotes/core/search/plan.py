"""What goes into the search index of a built site, decided from the pages' own markup.

- A page is indexed when its template marks the content with `data-pagefind-body` (posts and
  site pages) and it does not ask robots to stay away (`noindex`: missing-translation pages).
  Navigation, sidebars, listings and footers lie outside the marked element.
- Each page joins the index of its `<html lang>`.
- A post that has no version in another language of the site (no `hreflang` alternate for it)
  is also indexed into that language's index, under its own URL: readers of that language find
  it as the listings show it, in its original language and marked by its `lang` metadata. Its
  tag and author filter values take that language's labels, as the other pages there have them,
  so that filtering by a tag finds it too.

Only a cheap scan of the bytes is needed: the markers come from our own templates.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

BODY_MARKER = b"data-pagefind-body"
NOINDEX_RE = re.compile(rb'<meta name="robots" content="[^"]*noindex')
HTML_LANG_RE = re.compile(rb'<html[^>]*\slang="([^"]+)"')
HREFLANG_RE = re.compile(rb'<link rel="alternate" hreflang="([^"]+)"')
# A link whose text is a filter value: a tag or an author, named by the last part of its URL.
FILTER_ATTRIBUTE = b"data-pagefind-filter="
FILTER_LINK_RE = re.compile(rb'(<a\b[^>]*\bhref="[^"]*?([^"/]+)/"[^>]*\bdata-pagefind-filter="(tag|author)"[^>]*>)([^<]*)(</a>)')
X_DEFAULT = "x-default"

# Inside the content, what a reader does not search for: the permalink sign after each heading.
EXCLUDED_SELECTORS = (".headerlink",)


@dataclass(frozen=True)
class IndexedPage:
    file: str  # path under the site root, "/"-separated
    url: str  # the result URL, from the site root: "/posts/alpha/"
    lang: str  # the index this entry joins
    original_lang: str  # the page's own <html lang>; differs for a post shown in another language
    content: str | None = None  # what to index instead of the file: a foreign post with relabelled filters


@dataclass(frozen=True)
class _Scanned:
    file: str
    lang: str
    alternates: frozenset[str]
    labels: dict[tuple[bytes, bytes], bytes]  # (kind, id) -> the page's label of each filter link


def plan_index(site_dir: Path) -> list[IndexedPage]:
    """Every index entry of the site built in `site_dir`, in a stable order."""
    scanned = [page for page in (_scan(site_dir, file) for file in _html_files(site_dir)) if page is not None]
    languages = sorted({page.lang for page in scanned})
    labels: dict[str, dict[tuple[bytes, bytes], bytes]] = {lang: {} for lang in languages}
    for page in scanned:
        labels[page.lang].update(page.labels)
    entries = []
    for page in scanned:
        url = page_url(page.file)
        entries.append(IndexedPage(page.file, url, page.lang, page.lang))
        if page.alternates:  # a page without alternates is not part of a translated set
            for lang in languages:
                if lang != page.lang and lang not in page.alternates:
                    html = (site_dir / page.file).read_bytes()
                    entries.append(IndexedPage(page.file, url, lang, page.lang, relabel_filters(html, labels[lang])))
    return sorted(entries, key=lambda entry: (entry.lang, entry.url))


def relabel_filters(html: bytes, labels: dict[tuple[bytes, bytes], bytes]) -> str:
    """`html` with the text of each tag and author link replaced by the label in `labels`, where known."""

    def relabel(link: re.Match) -> bytes:
        label = labels.get((link.group(3), link.group(2)), link.group(4))
        return link.group(1) + label + link.group(5)

    return FILTER_LINK_RE.sub(relabel, html).decode("utf-8")


def page_url(file: str) -> str:
    """The URL a page file is served at, from the site root: "posts/a/index.html" -> "/posts/a/"."""
    folder, _, name = file.rpartition("/")
    if name == "index.html":
        return f"/{folder}/" if folder else "/"
    return f"/{file}"


def _html_files(site_dir: Path) -> list[str]:
    files = []
    for directory, subdirs, names in os.walk(site_dir):
        subdirs.sort()
        relative = Path(directory).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        files.extend(prefix + name for name in sorted(names) if name.endswith(".html"))
    return files


def _scan(site_dir: Path, file: str) -> _Scanned | None:
    data = (site_dir / file).read_bytes()
    if BODY_MARKER not in data or NOINDEX_RE.search(data):
        return None
    end = data.find(b"</head>")
    head = data if end < 0 else data[:end]
    lang = HTML_LANG_RE.search(data)
    alternates = frozenset(value.decode() for value in HREFLANG_RE.findall(head)) - {X_DEFAULT}
    labels = {(link.group(3), link.group(2)): link.group(4) for link in _filter_links(data)}
    return _Scanned(file, lang.group(1).decode().lower() if lang else "unknown", alternates, labels)


def _filter_links(data: bytes):
    """FILTER_LINK_RE's matches, found from the few filter attributes rather than from every link."""
    position = data.find(FILTER_ATTRIBUTE)
    while position >= 0:
        start = data.rfind(b"<a", 0, position)
        link = FILTER_LINK_RE.match(data, start) if start >= 0 else None
        if link is not None:
            yield link
        position = data.find(FILTER_ATTRIBUTE, position + 1)
