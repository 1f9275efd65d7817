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

from lxml import html as lxml_html

URL_ATTRIBUTES = ("href", "src", "poster", "cite")
DROPPED = "script|iframe|frame|object|embed|button|form|input|select|textarea|template|noscript|style|link|meta"
DROPPED_XPATH = "|".join(f".//{tag}" for tag in DROPPED.split("|"))
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


def _link_paragraph(href: str, label: str, rest: list | None = None):
    paragraph = lxml_html.Element("p")
    link = lxml_html.Element("a", href=href)
    link.text = label
    paragraph.append(link)
    if rest:
        link.tail = " · "
        paragraph.extend(rest)
    return paragraph


def _replace_viewer(figure, page_url: str, labels: dict[str, str]) -> None:
    """A 3Dmol.js viewer: a link to the article where it runs, then its RCSB and download links, then the caption."""
    links = figure.xpath(".//*[contains(@class, 'fn-mol__links')]/a")
    for link in links:
        link.tail = " · " if link is not links[-1] else None
    for box in figure.xpath("./div"):
        figure.remove(box)
    figure.insert(0, _link_paragraph(page_url, labels["embed_3dmol"], links))


def _replace_space(figure, labels: dict[str, str]) -> None:
    """A Space facade: one link to the Space's page, named by its title."""
    target = figure.xpath(".//figcaption//a/@href")
    title = figure.get("data-title") or ""
    for child in list(figure):
        figure.remove(child)
    if target:
        figure.append(_link_paragraph(target[0], labels["embed_space"].format(title=title)))


def feed_html(content_html: str, page_url: str, labels: dict[str, str]) -> str:
    """The article body for `content:encoded` and `content_html`; `page_url` is the post's absolute URL."""
    root = lxml_html.fragment_fromstring(content_html, create_parent="div")
    for figure in root.xpath(".//figure[@data-fn-embed='3dmol']"):
        _replace_viewer(figure, page_url, labels)
    for figure in root.xpath(".//figure[@data-fn-embed='space']"):
        _replace_space(figure, labels)
    for figure in root.xpath(".//figure[@data-fn-embed]"):
        for name in [name for name in figure.attrib if name.startswith("data-") or name == "class"]:
            del figure.attrib[name]
    for element in root.xpath(f"{DROPPED_XPATH}|.//a[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        element.drop_tree()
    for element in root.iter():
        for name in [name for name in element.attrib if name.lower().startswith("on")]:
            del element.attrib[name]
        for name in URL_ATTRIBUTES:
            if element.get(name) is not None:
                element.set(name, urljoin(page_url, element.get(name).strip()))
        if element.get("srcset"):
            element.set("srcset", _absolute_srcset(element.get("srcset"), page_url))
    text = escape(root.text or "", quote=False)
    return text + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


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
