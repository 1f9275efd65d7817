"""Everything the checks need from one file of the built site, read in a single parse.

Pages are parsed with lxml's HTML parser, feeds and sitemaps with its XML parser; each becomes
a Document: its links (with the element and source line they come from), its ids and the
language facts of a page. Judging them is left to rules.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..core.search.bundle import BundleError, entry_files, read_fragment
from .site import JSON_FEED, PAGE, RSS, SEARCH_ENTRY, SEARCH_FRAGMENT, SITEMAP

URL_ATTRIBUTES = {
    "href",
    "src",
    "poster",
    "cite",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
    "longdesc",
    "manifest",
}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# Attributes whose URL the browser fetches along with the page (mixed content if http://).
FETCHED_ATTRIBUTES = {"src", "srcset", "imagesrcset", "poster", "data", "background"}
FETCHED_LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "preload", "modulepreload", "prefetch", "manifest"}
# rel values naming an origin to connect to early, not a resource.
ORIGIN_ONLY_RELS = {"preconnect", "dns-prefetch"}
META_URL_KEYS = {
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "og:url",
    "og:video",
    "og:audio",
    "twitter:image",
    "twitter:image:src",
    "msapplication-tileimage",
}
# Material's page config (<script id="__config">): the site base and the search worker.
MATERIAL_CONFIG_ID = "__config"
MATERIAL_CONFIG_URL_KEYS = ("base", "search")
SWITCH_ATTRIBUTE = "data-fieldnotes-switch"

# A data-* value that is a URL, or a relative path ending in a file extension ("../x/1l2y.pdb").
DATA_URL_RE = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9+.-]*://\S+|//\S+|[\w~%@+=:.-]*(?:/[\w~%@+=:.-]*)*\.[A-Za-z][A-Za-z0-9]{0,7}(?:[?#]\S*)?)$"
)
# data-* attributes holding text for people ("data-title", "data-text-loading"), never a link.
TEXT_DATA_ATTRIBUTE_RE = re.compile(
    r"^data-(?:[\w-]*-)?(?:title|text|label|caption|alt|name|description)(?:-[\w-]*)?$"
    # Pagefind's instructions ("image:https://…", "date:2023-05-24"): the search bundle is checked on its own.
    r"|^data-pagefind-"
)
SRCSET_CANDIDATE_RE = re.compile(r"[\s,]*(\S+?),*(?:\s+[^,]*)?(?:,|$)")
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
REFRESH_URL_RE = re.compile(r"""^\s*\d*\s*[;,]\s*url\s*=\s*['"]?([^'"]+)""", re.IGNORECASE)

# Elements of RSS/Atom/sitemap XML whose text is a URL, and attributes holding one.
XML_TEXT_URL_ELEMENTS = {"link", "loc", "url", "comments", "guid"}
XML_URL_ATTRIBUTES = ("href", "url")
JSON_FEED_URL_KEYS = {
    "home_page_url",
    "feed_url",
    "next_url",
    "icon",
    "favicon",
    "url",
    "external_url",
    "image",
    "banner_image",
    "avatar",
}

# lxml.etree's own HTML parser: lxml.html's would build its element classes through a Python callback.
HTML_PARSER = etree.HTMLParser(encoding="utf-8", collect_ids=False)
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

SITEMAP_LOC = "url/loc"


@dataclass(slots=True)
class Link:
    url: str
    element: str  # tag and attribute: "a[href]", "link[rel=canonical][href]", "url/loc"
    line: int | None
    fetched: bool = False  # loaded with the page: an http:// one is mixed content on an https site
    target: str = ""  # of <a>/<area>/<form>: "_blank" opens a new browsing context
    rel: str = ""


@dataclass(slots=True)
class Alternate:
    """A hreflang link: <link rel="alternate" hreflang> in a page, <xhtml:link> in a sitemap."""

    hreflang: str
    url: str
    line: int | None


@dataclass(slots=True)
class Document:
    path: str  # under the site root, "/"-separated
    kind: str
    links: list[Link] = field(default_factory=list)
    ids: frozenset[str] = frozenset()
    lang: str | None = None
    noindex: bool = False
    alternates: list[Alternate] = field(default_factory=list)
    switches: list[Alternate] = field(default_factory=list)  # language switcher links, by their hreflang
    images_without_alt: list[tuple[int | None, str]] = field(default_factory=list)
    listed: list[Link] = field(default_factory=list)  # a sitemap's <loc> pages
    base: str | None = None  # what relative links resolve against, when not the file itself
    error: tuple[int | None, str] | None = None  # (line, message) when the file cannot be read


def read_document(root: Path, kind: str, path: str) -> Document:
    document = Document(path, kind)
    try:
        data = (root / path).read_bytes()
    except OSError as error:
        document.error = (None, f"cannot be read ({error.strerror})")
        return document
    reader = READERS[kind]
    try:
        reader(document, data)
    except etree.XMLSyntaxError as error:
        document.error = (error.lineno, f"not well-formed XML ({error.msg})")
    except (etree.ParserError, ValueError) as error:
        line = getattr(error, "lineno", None)
        document.error = (line, f"cannot be parsed ({error})")
    return document


def _read_page(document: Document, data: bytes) -> None:
    root = etree.fromstring(data, HTML_PARSER) if data.strip() else None
    if root is None:
        raise etree.ParserError("the file is empty")
    document.lang = root.get("lang")
    links, ids = document.links, set()
    for element in root.iter(etree.Element):
        attributes = element.attrib
        tag = element.tag
        identifier = attributes.get("id")
        if identifier is not None:
            ids.add(identifier)
        if tag == "a" and "name" in attributes:
            ids.add(attributes["name"])
        special = PAGE_ELEMENTS.get(tag)
        if special is not None and special(document, element, attributes):
            continue
        if not attributes:
            continue
        line = element.sourceline
        for name in attributes:
            # Values are read only for names that matter: most attributes are classes and SVG paths.
            if name in URL_ATTRIBUTES:
                value = attributes[name]
                if value.strip():
                    links.append(
                        Link(
                            value,
                            f"{tag}[{name}]",
                            line,
                            name in FETCHED_ATTRIBUTES,
                            attributes.get("target", ""),
                            attributes.get("rel", ""),
                        )
                    )
            elif name in SRCSET_ATTRIBUTES:
                links.extend(Link(url, f"{tag}[{name}]", line, True) for url in SRCSET_CANDIDATE_RE.findall(attributes[name]))
            elif name.startswith("data-"):
                value = attributes[name]
                if DATA_URL_RE.match(value) and not TEXT_DATA_ATTRIBUTE_RE.match(name):
                    links.append(Link(value, f"{tag}[{name}]", line, True))
            elif name == "style":
                links.extend(Link(url, f"{tag}[style]", line, True) for _, url in CSS_URL_RE.findall(attributes[name]))
    document.ids = frozenset(ids)


def _anchor(document: Document, element, attributes) -> bool:
    """<a>: language switcher links are named and collected apart."""
    if SWITCH_ATTRIBUTE not in attributes or "href" not in attributes:
        return False
    href, line = attributes["href"], element.sourceline
    document.links.append(
        Link(href, f"a[{SWITCH_ATTRIBUTE}][href]", line, False, attributes.get("target", ""), attributes.get("rel", ""))
    )
    document.switches.append(Alternate(attributes.get("hreflang") or attributes.get("lang") or "", href, line))
    return True


def _head_link(document: Document, element, attributes) -> bool:
    """<link>: named by rel (and hreflang), which also decides whether the browser fetches it."""
    href = attributes.get("href", "")
    rels = set(attributes.get("rel", "").lower().split())
    if not href.strip() or rels & ORIGIN_ONLY_RELS:
        return True
    hreflang, line = attributes.get("hreflang"), element.sourceline
    qualifier = f"[rel={' '.join(sorted(rels))}]" if rels else ""
    if hreflang is not None:
        qualifier += f"[hreflang={hreflang}]"
        if "alternate" in rels:
            document.alternates.append(Alternate(hreflang, href, line))
    elif "type" in attributes:
        qualifier += f"[type={attributes['type']}]"
    document.links.append(Link(href, f"link{qualifier}[href]", line, bool(rels & FETCHED_LINK_RELS)))
    return True


def _meta(document: Document, element, attributes) -> bool:
    key = (attributes.get("property") or attributes.get("name") or "").lower()
    content, line = attributes.get("content", ""), element.sourceline
    if key in ("robots", "googlebot") and "noindex" in content.lower():
        document.noindex = True
    elif key in META_URL_KEYS and content.strip():
        document.links.append(Link(content, f"meta[{'property' if 'property' in attributes else 'name'}={key}][content]", line))
    elif attributes.get("http-equiv", "").lower() == "refresh":
        target = REFRESH_URL_RE.match(content)
        if target:
            document.links.append(Link(target.group(1), "meta[http-equiv=refresh][content]", line))
    return True


def _image(document: Document, element, attributes) -> bool:
    if "alt" not in attributes:
        document.images_without_alt.append((element.sourceline, attributes.get("src", "")))
    return False


def _base(document: Document, element, attributes) -> bool:
    if document.base is None and attributes.get("href", "").strip():
        document.base = attributes["href"]
    return True


def _script(document: Document, element, attributes) -> bool:
    if attributes.get("id") != MATERIAL_CONFIG_ID or not element.text:
        return False
    try:
        config = json.loads(element.text)
    except ValueError:
        return False
    for key in MATERIAL_CONFIG_URL_KEYS:
        if isinstance(config.get(key), str):
            document.links.append(Link(config[key], f"script#{MATERIAL_CONFIG_ID}[{key}]", element.sourceline))
    return False


PAGE_ELEMENTS = {"a": _anchor, "link": _head_link, "meta": _meta, "img": _image, "base": _base, "script": _script}


def _read_xml(document: Document, data: bytes) -> None:
    root = etree.fromstring(data, parser=XML_PARSER)
    for element in root.iter(etree.Element):
        local = element.tag.rpartition("}")[2]
        name = f"{element.prefix}:{local}" if element.prefix else local
        parent = element.getparent()
        where = f"{parent.tag.rpartition('}')[2]}/{local}" if parent is not None else local
        text = (element.text or "").strip()
        if local in XML_TEXT_URL_ELEMENTS and text and element.get("isPermaLink") != "false":
            document.links.append(Link(text, where, element.sourceline))
            if where == SITEMAP_LOC:
                document.listed.append(document.links[-1])
        for attribute in XML_URL_ATTRIBUTES:
            value = element.get(attribute)
            if not value:
                continue
            hreflang = element.get("hreflang")
            if hreflang is not None:
                document.alternates.append(Alternate(hreflang, value, element.sourceline))
                name_with_lang = f"{name}[hreflang={hreflang}]"
            else:
                name_with_lang = name
            document.links.append(Link(value, f"{name_with_lang}[{attribute}]", element.sourceline))


def _read_json_feed(document: Document, data: bytes) -> None:
    text = data.decode("utf-8")
    try:
        feed = json.loads(text)
    except json.JSONDecodeError as error:
        document.error = (error.lineno, f"not valid JSON ({error.msg})")
        return
    position, line = 0, 1
    for where, url in _json_urls(feed, ""):
        # json.loads keeps key order, so each URL is found after the previous one.
        found = text.find(json.dumps(url, ensure_ascii=False), position)
        if found < 0:
            document.links.append(Link(url, where, None))
            continue
        line += text.count("\n", position, found)
        position = found
        document.links.append(Link(url, where, line))


def _json_urls(value, where: str):
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else key
            if key in JSON_FEED_URL_KEYS and isinstance(item, str):
                yield path, item
            else:
                yield from _json_urls(item, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_urls(item, f"{where}[{index}]")


def _read_search_entry(document: Document, data: bytes) -> None:
    """A Pagefind entry file: the metadata and WebAssembly files it names, next to it."""
    try:
        names = entry_files(data)
    except BundleError as error:
        document.error = (None, str(error))
        return
    document.links.extend(Link(name, where, None) for where, name in names)


def _read_search_fragment(document: Document, data: bytes) -> None:
    """A Pagefind page record: the page's URL and each anchor a sub-result links to.

    URLs are from the site root; the browser prefixes them with the folder above pagefind/."""
    try:
        fragment = read_fragment(data)
    except BundleError as error:
        document.error = (None, str(error))
        return
    document.base = "../" * document.path.count("/")
    url = fragment.url.lstrip("/") or "./"
    document.links.append(Link(url, "url", None))
    document.links.extend(Link(f"{url}#{anchor}", f"anchors[{anchor}]", None) for anchor in fragment.anchors)


READERS = {
    PAGE: _read_page,
    RSS: _read_xml,
    SITEMAP: _read_xml,
    JSON_FEED: _read_json_feed,
    SEARCH_ENTRY: _read_search_entry,
    SEARCH_FRAGMENT: _read_search_fragment,
}
