"""Whole articles in the feeds: a post's rendered HTML made safe and self-contained for feed readers.

A feed reader shows the HTML out of the site: links and images become absolute, an element a feature
marks becomes that feature's fallback (an interactive viewer, a link with its caption), and anything
that would run or frame something (scripts, iframes, buttons, forms) is dropped. Header permalinks go;
MathML stays.
The RSS and JSON Feed renderers add what `rss_item_additions` and `json_item_additions` return.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin

from ..features import feed_fallbacks
from ..features.feature import Fallback
from ..markup import classes, start_tag

URL_ATTRIBUTES = ("href", "src", "poster", "cite")
DROPPED = frozenset(
    ("script", "iframe", "frame", "object", "embed", "button", "form", "input", "select", "textarea")
    + ("template", "noscript", "style", "link", "meta")
)
VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"))
RSS_NAMESPACES = ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"'


@dataclass(frozen=True)
class FeedImage:
    url: str  # absolute
    width: int
    height: int
    mime: str = "image/png"


def _absolute_srcset(value: str, base: str) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([urljoin(base, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


class _FeedRewriter(HTMLParser):
    """Copies the HTML as written, except what a feed reader must not get or cannot resolve (comments go too)."""

    def __init__(self, page_url: str, labels: dict[str, str]) -> None:
        super().__init__(convert_charrefs=False)
        self.page_url, self.labels = page_url, labels
        self.out: list[str] = []
        self.dropping: list = []  # [tag, depth] while inside an element left out with its content
        self.marked: list[Fallback] = []  # the feature elements being read, innermost last (a figure's citation)
        self.fallbacks = feed_fallbacks()  # (attribute, value) marking a feature's element -> its Fallback

    def _rewritten(
        self, tag: str, attrs: list[tuple[str, str | None]], text: str, closed: bool
    ) -> tuple[str, list[tuple[str, str | None]]]:
        """The start tag without event handlers and with absolute URLs (as written when nothing changes), and its attributes."""
        kept, changed = [], False
        for name, value in attrs:
            if name.startswith("on"):
                changed = True
                continue
            if value is not None and name in URL_ATTRIBUTES:
                value, original = urljoin(self.page_url, value.strip()), value
                changed |= value != original
            elif value and name == "srcset":
                value, original = _absolute_srcset(value, self.page_url), value
                changed |= value != original
            kept.append((name, value))
        return (start_tag(tag, kept, closed) if changed else text), kept

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        if self.dropping:
            self.dropping[1] += tag == self.dropping[0] and not void
            return
        named = dict(attrs)
        if tag in DROPPED or (tag == "a" and "headerlink" in classes(named)):
            if not void:
                self.dropping = [tag, 1]
            return
        fallback = next((self.fallbacks[marker] for marker in named.items() if marker in self.fallbacks), None)
        if fallback:
            self.marked.append(fallback(attrs, self.page_url, self.labels))
            return
        raw = self.get_starttag_text() or ""
        text, kept = self._rewritten(tag, attrs, raw, raw.endswith("/>"))
        if self.marked:
            self.marked[-1].start(tag, dict(kept), text, void)
        else:
            self.out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, tag in VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, True)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[0]:
                self.dropping[1] -= 1
                if not self.dropping[1]:
                    self.dropping = []
            return
        if self.marked:
            if self.marked[-1].end(tag):
                self._text(self.marked.pop().html())
            return
        self.out.append(f"</{tag}>")

    def _text(self, text: str) -> None:
        if self.dropping:
            return
        if self.marked:
            self.marked[-1].write(text)
        else:
            self.out.append(text)

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")


def feed_html(content_html: str, page_url: str, labels: dict[str, str]) -> str:
    """The article body for `content:encoded` and `content_html`; `page_url` is the post's absolute URL.

    A streaming pass over Python's own HTML parser: everything else is copied as written, so MathML,
    code and attribute order come through unchanged, and no tree is built for a long article. Python's
    parser reads comments, CDATA and raw-text elements unlike browsers do; the content policy has
    refused all three in `content_html`, so both read the same elements.
    """
    rewriter = _FeedRewriter(page_url, labels)
    rewriter.feed(content_html)
    rewriter.close()
    return "".join(rewriter.out)


def rss_item_additions(content_html: str, image: FeedImage | None) -> str:
    """The item's whole article and its social image, as RSS elements (the `<rss>` element needs RSS_NAMESPACES).

    Media RSS is what feed readers look for an item's picture in; an `<enclosure>` would be offered as a download.
    """
    lines = [f"      <content:encoded>{escape(content_html, quote=False)}</content:encoded>"]
    if image:
        url = escape(image.url)
        lines.append(
            f'      <media:content url="{url}" medium="image" type="{escape(image.mime)}" '
            f'width="{image.width}" height="{image.height}"/>'
        )
        lines.append(f'      <media:thumbnail url="{url}" width="{image.width}" height="{image.height}"/>')
    return "\n" + "\n".join(lines)


def json_item_additions(content_html: str, image: FeedImage | None) -> dict:
    """The item's `content_html` and `image` for JSON Feed 1.1 (the summary stays in `summary`)."""
    return {"content_html": content_html, **({"image": image.url} if image else {})}
