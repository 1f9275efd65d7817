"""The posts to suggest at the end of a post: most shared tags first, newer first among equals.

Posts that share no tag come last, so a post with rare tags still ends with suggestions (the newest).

Like the listings, each suggestion is in the reader's language where it exists there, and in its
original language otherwise, marked as foreign.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RELATED_COUNT = 3


@dataclass(frozen=True)
class PostFacts:
    slug: str
    lang: str
    tags: tuple[str, ...]  # tag ids, the same in every language version
    date: dt.date
    is_original: bool  # False for a translation


@dataclass(frozen=True)
class Suggestion:
    post: PostFacts
    shared_tags: int
    foreign: bool  # shown in its original language: the reader's language has no version of it


def _reader_version(versions: list[PostFacts], lang: str) -> tuple[PostFacts, bool]:
    for post in versions:
        if post.lang == lang:
            return post, False
    original = next((post for post in versions if post.is_original), versions[0])
    return original, True


def related_posts(posts: list[PostFacts], slug: str, lang: str, count: int = RELATED_COUNT) -> list[Suggestion]:
    """Up to `count` other posts for the post `slug` read in `lang`; `posts` are the published versions of every post."""
    by_slug: dict[str, list[PostFacts]] = {}
    for post in posts:
        by_slug.setdefault(post.slug, []).append(post)
    if slug not in by_slug:
        raise ValueError(f"no post {slug!r} among the posts given")
    tags = set(by_slug[slug][0].tags)
    suggestions = []
    for other, versions in by_slug.items():
        if other == slug:
            continue
        post, foreign = _reader_version(versions, lang)
        suggestions.append(Suggestion(post, len(tags & set(post.tags)), foreign))
    suggestions.sort(key=lambda s: (-s.shared_tags, -s.post.date.toordinal(), s.post.slug))
    return suggestions[:count]
