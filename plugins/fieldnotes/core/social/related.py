"""The posts to suggest at the end of a post: most shared tags first, newer first among equals.

Posts that share no tag come last, so a post with rare tags still ends with suggestions (the newest).

Like the listings, each suggestion is in the reader's language where it exists there, and in its
original language otherwise, marked as foreign.
"""

from __future__ import annotations

import datetime as dt
import heapq
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


class RelatedPosts:
    """Suggestions among `posts`, the published versions of every post; made once, asked once per post page.

    Only posts sharing a tag are scored (found through the tags), so a large collection with many
    tags is not compared pairwise; the newest posts fill the list when too few share one.
    """

    def __init__(self, posts: list[PostFacts]) -> None:
        self.versions: dict[str, list[PostFacts]] = {}
        for post in posts:
            self.versions.setdefault(post.slug, []).append(post)
        self.by_tag: dict[str, list[str]] = {}
        for slug, versions in self.versions.items():
            for tag in set(versions[0].tags):
                self.by_tag.setdefault(tag, []).append(slug)
        self.readers: dict[str, dict[str, tuple[PostFacts, bool]]] = {}
        self.newest: dict[str, list[str]] = {}
        self.rankings: dict[tuple[frozenset[str], str, int], list[tuple[str, int]]] = {}

    def _reader_versions(self, lang: str) -> dict[str, tuple[PostFacts, bool]]:
        """Each slug's version for a reader of `lang`: its own, else the original (marked foreign)."""
        if lang not in self.readers:
            chosen = {}
            for slug, versions in self.versions.items():
                own = next((post for post in versions if post.lang == lang), None)
                original = next((post for post in versions if post.is_original), versions[0])
                chosen[slug] = (own, False) if own else (original, True)
            self.readers[lang] = chosen
            self.newest[lang] = sorted(chosen, key=lambda slug: (-chosen[slug][0].date.toordinal(), slug))
        return self.readers[lang]

    def for_post(self, slug: str, lang: str, count: int = RELATED_COUNT) -> list[Suggestion]:
        """Up to `count` other posts for the post `slug` read in `lang`."""
        if slug not in self.versions:
            raise ValueError(f"no post {slug!r} among the posts given")
        tags = frozenset(self.versions[slug][0].tags)
        # Posts with the same tags get the same list, the post itself left out: one ranking serves them all.
        if (tags, lang, count) not in self.rankings:
            self.rankings[(tags, lang, count)] = self._ranking(tags, lang, count + 1)
        reader = self._reader_versions(lang)
        chosen = [(other, shared) for other, shared in self.rankings[(tags, lang, count)] if other != slug][:count]
        return [Suggestion(reader[other][0], shared, reader[other][1]) for other, shared in chosen]

    def _ranking(self, tags: frozenset[str], lang: str, count: int) -> list[tuple[str, int]]:
        """The first `count` posts for a reader of `lang` of a post tagged `tags`, with their shared tags."""
        reader = self._reader_versions(lang)
        shared: dict[str, int] = {}
        for tag in tags:
            for other in self.by_tag[tag]:
                shared[other] = shared.get(other, 0) + 1
        chosen = heapq.nsmallest(count, shared, key=lambda other: (-shared[other], -reader[other][0].date.toordinal(), other))
        for other in self.newest[lang]:
            if len(chosen) >= count:
                break
            if other not in shared:
                chosen.append(other)
        return [(other, shared.get(other, 0)) for other in chosen]
