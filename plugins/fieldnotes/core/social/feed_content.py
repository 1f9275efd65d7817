"""Whole articles in the feeds: a post's rendered HTML made safe and self-contained for feed readers.

A feed reader shows the HTML out of the site: links and images become absolute, an interactive embed
(3Dmol.js viewer, Space facade) becomes a link with its caption, and anything that would run or frame
something (scripts, iframes, buttons, forms) is dropped. Header permalinks go; MathML stays.
The RSS and JSON Feed renderers add what `rss_item_additions` and `json_item_additions` return.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

URL_ATTRIBUTES = ("href", "src", "poster", "cite")
DROPPED = (
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "button",
    "form",
    "input",
    "select",
    "textarea",
    "template",
    "noscript",
    "style",
    "link",
    "meta",
)
RSS_NAMESPACES = ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"'


class _AsWritten(HTMLFormatter):
    """HTML with &, < and > escaped, void elements as HTML writes them, attributes in their own order."""

    def __init__(self) -> None:
        super().__init__(entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix="")

    def attributes(self, tag: Tag):
        return tag.attrs.items()


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


def _link_paragraph(soup: BeautifulSoup, href: str, label: str, rest: list[Tag] | None = None) -> Tag:
    """<p><a href>label</a> · rest · rest</p>"""
    paragraph = soup.new_tag("p")
    link = soup.new_tag("a", href=href)
    link.string = label
    paragraph.append(link)
    for other in rest or []:
        paragraph.append(NavigableString(" · "))
        paragraph.append(other.extract())
    return paragraph


def _replace_viewer(soup: BeautifulSoup, figure: Tag, page_url: str, labels: dict[str, str]) -> None:
    """A 3Dmol.js viewer: a link to the article where it runs, then its RCSB and download links, then the caption."""
    links = figure.select(".fn-mol__links > a")
    paragraph = _link_paragraph(soup, page_url, labels["embed_3dmol"], links)
    for box in figure.find_all("div", recursive=False):
        box.decompose()
    figure.insert(0, paragraph)


def _replace_space(soup: BeautifulSoup, figure: Tag, labels: dict[str, str]) -> None:
    """A Space facade: one link to the Space's page, named by its title."""
    target = figure.select_one("figcaption a[href]")
    title = figure.get("data-title") or ""
    href = target["href"] if target else None
    figure.clear()
    if href:
        figure.append(_link_paragraph(soup, href, labels["embed_space"].format(title=title)))


def feed_html(content_html: str, page_url: str, labels: dict[str, str]) -> str:
    """The article body for `content:encoded` and `content_html`; `page_url` is the post's absolute URL."""
    soup = BeautifulSoup(content_html, "html.parser")
    for figure in soup.select("figure[data-fn-embed='3dmol']"):
        _replace_viewer(soup, figure, page_url, labels)
    for figure in soup.select("figure[data-fn-embed='space']"):
        _replace_space(soup, figure, labels)
    for figure in soup.select("figure[data-fn-embed]"):
        for name in [name for name in figure.attrs if name.startswith("data-") or name == "class"]:
            del figure[name]
    for element in soup.find_all([*DROPPED]) + soup.select("a.headerlink"):
        element.decompose()
    for element in soup.find_all(True):
        for name in [name for name in element.attrs if name.lower().startswith("on")]:
            del element[name]
        for name in URL_ATTRIBUTES:
            if element.get(name) is not None:
                element[name] = urljoin(page_url, element[name].strip())
        if element.get("srcset"):
            element["srcset"] = _absolute_srcset(element["srcset"], page_url)
    return soup.decode(formatter=_AsWritten())


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
