"""The `<meta>` tags of a page for link previews and indexers: Open Graph, X's card, Google Scholar.

Returned as data, `Meta(attribute, key, content)` in order; the template writes and escapes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from ..features.feature import CitedWork
from .cited_works import scholar_reference

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
    cited: tuple[CitedWork, ...] = ()


@dataclass(frozen=True)
class PageFacts:
    kind: str  # a key of OG_TYPES
    title: str  # without the site name
    description: str
    canonical_url: str | None  # None on the 404 page, which answers at any address
    lang: str
    locale: str  # Open Graph's language_TERRITORY of `lang`, from its interface text
    site_name: str
    alternate_locales: tuple[str, ...] = ()  # Open Graph locales of the page's other language versions
    image: SocialImage | None = None
    article: ArticleFacts | None = None  # required for posts
    noindex: bool = False  # the 404 page always is


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
        Meta("property", "og:locale", page.locale),
    ]
    if page.canonical_url:
        tags.insert(2, Meta("property", "og:url", page.canonical_url))
    tags += [Meta("property", "og:locale:alternate", locale) for locale in page.alternate_locales]
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
    tags += [Meta("name", "citation_reference", scholar_reference(work)) for work in article.cited]
    return tags
