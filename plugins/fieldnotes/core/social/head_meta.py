"""The `<meta>` tags of a page for link previews and indexers: Open Graph, X's card, Google Scholar.

Returned as data, `Meta(attribute, key, content)` in order; the template writes and escapes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

# Open Graph locales (language_TERRITORY) of the site's languages.
OG_LOCALES = {"en": "en_US", "ja": "ja_JP"}
# Page kind -> og:type; the kinds a page can be.
OG_TYPES = {"post": "article", "listing": "website", "home": "website", "404": "website", "other": "website"}


class Meta(NamedTuple):
    attribute: str  # "property" (Open Graph, article:*) or "name" (twitter:*, citation_*, robots)
    key: str
    content: str


@dataclass(frozen=True)
class Person:
    name: str
    url: str | None = None  # absolute: the author's page on this site


@dataclass(frozen=True)
class SocialImage:
    url: str  # absolute
    width: int
    height: int
    alt: str
    mime: str = "image/png"


@dataclass(frozen=True)
class ArticleFacts:
    published: dt.date
    modified: dt.date | None
    authors: tuple[Person, ...]
    tags: tuple[str, ...]  # labels in the page's language


@dataclass(frozen=True)
class PageFacts:
    kind: str  # a key of OG_TYPES
    title: str  # without the site name
    description: str
    canonical_url: str | None  # None on the 404 page, which answers at any address
    lang: str
    site_name: str
    alternates: Mapping[str, str] = field(default_factory=dict)  # hreflang -> absolute URL; x-default is skipped
    image: SocialImage | None = None
    article: ArticleFacts | None = None  # required for posts
    noindex: bool = False  # the 404 page always is


def og_locale(lang: str) -> str:
    if lang not in OG_LOCALES:
        raise ValueError(f"no Open Graph locale for language {lang!r}; add it to OG_LOCALES")
    return OG_LOCALES[lang]


def scholar_date(value: dt.date) -> str:
    """Google Scholar's date form, YYYY/MM/DD."""
    return value.strftime("%Y/%m/%d")


def head_meta(page: PageFacts) -> list[Meta]:
    if page.kind not in OG_TYPES:
        raise ValueError(f"unknown page kind {page.kind!r}; expected one of {', '.join(OG_TYPES)}")
    if page.kind == "post" and page.article is None:
        raise ValueError("a post needs its ArticleFacts")
    tags = [
        Meta("property", "og:title", page.title),
        Meta("property", "og:description", page.description),
        Meta("property", "og:type", OG_TYPES[page.kind]),
        Meta("property", "og:site_name", page.site_name),
        Meta("property", "og:locale", og_locale(page.lang)),
    ]
    if page.canonical_url:
        tags.insert(2, Meta("property", "og:url", page.canonical_url))
    others = [lang for lang in page.alternates if lang not in (page.lang, "x-default")]
    tags += [Meta("property", "og:locale:alternate", og_locale(lang)) for lang in others]
    if page.image:
        tags += [
            Meta("property", "og:image", page.image.url),
            Meta("property", "og:image:type", page.image.mime),
            Meta("property", "og:image:width", str(page.image.width)),
            Meta("property", "og:image:height", str(page.image.height)),
            Meta("property", "og:image:alt", page.image.alt),
        ]
    tags.append(Meta("name", "twitter:card", "summary_large_image" if page.image else "summary"))
    if page.kind == "post":
        tags += _article_meta(page)
    if page.noindex or page.kind == "404":
        tags.append(Meta("name", "robots", "noindex"))
    return tags


def _article_meta(page: PageFacts) -> list[Meta]:
    article = page.article
    modified = article.modified or article.published
    tags = [
        Meta("property", "article:published_time", article.published.isoformat()),
        Meta("property", "article:modified_time", modified.isoformat()),
    ]
    tags += [Meta("property", "article:author", person.url or person.name) for person in article.authors]
    tags += [Meta("property", "article:tag", tag) for tag in article.tags]
    tags.append(Meta("name", "citation_title", page.title))
    tags += [Meta("name", "citation_author", person.name) for person in article.authors]
    tags += [
        Meta("name", "citation_publication_date", scholar_date(article.published)),
        Meta("name", "citation_language", page.lang),
    ]
    if page.canonical_url:
        tags.append(Meta("name", "citation_public_url", page.canonical_url))
    return tags
