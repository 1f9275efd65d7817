"""schema.org data of a post as JSON-LD: the BlogPosting and its BreadcrumbList.

`json_ld_text` serializes for a `<script type="application/ld+json">` element: `<`, `>` and `&`
become JSON escapes, so no front-matter text can close the script element or open a comment.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..features.feature import CitedWork
from .cited_works import schema_work
from .head_meta import Person, SocialImage

SCHEMA = "https://schema.org"
# Characters that mean something to the HTML parser inside a script element; JSON reads the escapes as the same text.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True)
class Version:
    """Another language version of the same post."""

    url: str  # absolute, canonical
    lang: str
    headline: str


@dataclass(frozen=True)
class PostingFacts:
    url: str  # canonical, absolute
    headline: str
    description: str
    published: dt.date
    modified: dt.date | None
    authors: tuple[Person, ...]
    lang: str
    blog_name: str
    blog_url: str  # the home page of this language
    image: SocialImage | None = None
    tags: tuple[str, ...] = ()
    translators: tuple[Person, ...] = ()
    original: Version | None = None  # set on a translation
    translations: tuple[Version, ...] = ()  # set on an original
    cited: tuple[CitedWork, ...] = ()


def _person(person: Person) -> dict:
    return {"@type": "Person", "name": person.name, **({"url": person.url} if person.url else {})}


def _version(version: Version) -> dict:
    return {
        "@type": "BlogPosting",
        "@id": version.url,
        "url": version.url,
        "inLanguage": version.lang,
        "headline": version.headline,
    }


def blog_posting(post: PostingFacts) -> dict:
    data: dict = {
        "@context": SCHEMA,
        "@type": "BlogPosting",
        "@id": post.url,
        "url": post.url,
        "headline": post.headline,
        "description": post.description,
        "datePublished": post.published.isoformat(),
        "dateModified": (post.modified or post.published).isoformat(),
        "author": [_person(person) for person in post.authors],
        "inLanguage": post.lang,
        "mainEntityOfPage": {"@type": "WebPage", "@id": post.url},
        "isPartOf": {
            "@type": "Blog",
            "@id": post.blog_url,
            "name": post.blog_name,
            "url": post.blog_url,
            "inLanguage": post.lang,
        },
    }
    if post.image:
        data["image"] = {
            "@type": "ImageObject",
            "url": post.image.url,
            "width": post.image.width,
            "height": post.image.height,
            "caption": post.image.alt,
        }
    if post.tags:
        data["keywords"] = list(post.tags)
    if post.translators:
        data["translator"] = [_person(person) for person in post.translators]
    if post.original:
        data["translationOfWork"] = _version(post.original)
    if post.translations:
        data["workTranslation"] = [_version(version) for version in post.translations]
    if post.cited:
        data["citation"] = [schema_work(work) for work in post.cited]
    return data


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    """A BreadcrumbList from (name, absolute URL) pairs, outermost first: home, posts index, the post."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld_text(data: dict) -> str:
    """`data` as JSON that is safe as the whole text of a `<script type="application/ld+json">`."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)
