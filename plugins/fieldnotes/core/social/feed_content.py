"""Whole articles in the feeds: a post's rendered HTML made safe and self-contained for feed readers.

A feed reader shows the HTML out of the site: links and images become absolute, an interactive embed
(3Dmol.js viewer, Space facade) becomes a link with its caption, and anything that would run or frame
something (scripts, iframes, buttons, forms) is dropped. Header permalinks go; MathML stays.
The RSS and JSON Feed renderers add what `rss_item_additions` and `json_item_additions` return.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin

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


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], closed: bool = False) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{tag}{written}{' /' if closed else ''}>"


def _classes(attrs: dict[str, str | None]) -> list[str]:
    return (attrs.get("class") or "").split()


class _Embed:
    """One embed figure, read element by element and written out as links when its end tag comes.

    A 3Dmol.js viewer becomes a link to the article where it runs, then its fallback links (RCSB,
    download) and its caption; a Space facade becomes one link to the Space's page, named by its title.
    """

    def __init__(self, kind: str, attrs: list[tuple[str, str | None]], page_url: str, labels: dict[str, str]) -> None:
        self.kind, self.page_url, self.labels = kind, page_url, labels
        self.attrs = [(name, value) for name, value in attrs if not name.startswith("data-") and name != "class"]
        self.title = dict(attrs).get("data-title") or ""
        self.open: list[tuple[str, dict[str, str | None]]] = []  # elements open inside the figure
        self.kept: list[str] = []  # the viewer's children other than its boxes: caption, white space
        self.links: list[list[str]] = []  # the viewer's fallback links, each as HTML
        self.link_depth = 0  # depth of the fallback link being copied; 0 outside one
        self.space_href: str | None = None

    def _in_box(self) -> bool:
        return bool(self.open) and self.open[0][0] == "div"

    def _write(self, text: str) -> None:
        if self.link_depth:
            self.links[-1].append(text)
        elif self.kind == "3dmol" and not self._in_box():
            self.kept.append(text)

    def start(self, tag: str, attrs: dict[str, str | None], text: str, void: bool) -> None:
        parent = self.open[-1] if self.open else None
        in_caption = any(name == "figcaption" for name, _ in self.open)
        if self.kind == "space" and tag == "a" and self.space_href is None and attrs.get("href") and in_caption:
            self.space_href = attrs["href"]
        if tag == "a" and parent and parent[0] == "p" and "fn-mol__links" in _classes(parent[1]) and not self.link_depth:
            self.links.append([])
            self.link_depth = len(self.open) + 1
        if not (tag == "div" and not self.open):
            self._write(text)
        if not void:
            self.open.append((tag, attrs))

    def end(self, tag: str) -> bool:
        """Take an end tag; True when it closes the figure."""
        if not self.open:
            return True
        self._write(f"</{tag}>")
        if self.link_depth == len(self.open):
            self.link_depth = 0
        while self.open and self.open.pop()[0] != tag:
            pass
        return False

    def data(self, text: str) -> None:
        self._write(text)

    def html(self) -> str:
        figure = _start_tag("figure", self.attrs)
        if self.kind == "3dmol":
            parts = [f'<a href="{escape(self.page_url)}">{escape(self.labels["embed_3dmol"], quote=False)}</a>']
            parts += ["".join(link) for link in self.links]
            return f"{figure}<p>{' · '.join(parts)}</p>{''.join(self.kept)}</figure>"
        if self.space_href is None:
            return f"{figure}</figure>"
        label = escape(self.labels["embed_space"].format(title=self.title), quote=False)
        return f'{figure}<p><a href="{escape(self.space_href)}">{label}</a></p></figure>'


class _FeedRewriter(HTMLParser):
    """Copies the HTML as written, except what a feed reader must not get or cannot resolve (comments go too)."""

    def __init__(self, page_url: str, labels: dict[str, str]) -> None:
        super().__init__(convert_charrefs=False)
        self.page_url, self.labels = page_url, labels
        self.out: list[str] = []
        self.dropping: list = []  # [tag, depth] while inside an element left out with its content
        self.embed: _Embed | None = None

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
        return (_start_tag(tag, kept, closed) if changed else text), kept

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], void: bool) -> None:
        if self.dropping:
            self.dropping[1] += tag == self.dropping[0] and not void
            return
        named = dict(attrs)
        if tag in DROPPED or (tag == "a" and "headerlink" in _classes(named)):
            if not void:
                self.dropping = [tag, 1]
            return
        if self.embed is None and tag == "figure" and named.get("data-fn-embed"):
            self.embed = _Embed(named["data-fn-embed"], attrs, self.page_url, self.labels)
            return
        raw = self.get_starttag_text() or ""
        text, kept = self._rewritten(tag, attrs, raw, raw.endswith("/>"))
        if self.embed:
            self.embed.start(tag, dict(kept), text, void)
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
        if self.embed:
            if self.embed.end(tag):
                self.out.append(self.embed.html())
                self.embed = None
            return
        self.out.append(f"</{tag}>")

    def _text(self, text: str) -> None:
        if self.dropping:
            return
        if self.embed:
            self.embed.data(text)
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
