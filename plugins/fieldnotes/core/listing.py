"""The generated pages of one language: post index, tags, authors and archive, paginated.

Every listing exists in every language with the same path under the language prefix, so the
language switcher always has a target. Posts missing in a language are listed in their
original language and marked as such.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .collection import Collection, Post
from .routes import Routes


@dataclass
class Entry:
    """A post as one language's listings show it: its own version, or the original, marked foreign."""

    post: Post
    foreign: bool
    draft: bool = False
    scheduled: bool = False


@dataclass
class Listing:
    key: str  # path without language prefix, e.g. "tags/llm/page/2/"
    kind: str  # index | tags | tag | authors | author | archive | year
    title: str
    entries: list[Entry] = field(default_factory=list)
    page: int = 1
    pages: int = 1
    subject: str | None = None  # tag id, author id or year
    groups: list[tuple[str, str, int]] = field(default_factory=list)  # (label, key, count) for overview pages
    newer_key: str | None = None
    older_key: str | None = None


def visible_entries(collection: Collection, lang: str, include_unpublished: bool) -> list[Entry]:
    """Newest first; every slug once, in `lang` if it exists there. Drafts, unfinished scaffolds and
    posts dated in the future only when `include_unpublished` (while serving)."""
    entries = []
    for slug in collection.slugs():
        own = collection.get(lang, slug)
        post = own or collection.original(slug)
        draft = post.meta.draft or collection.is_unfinished(post)
        scheduled = collection.is_scheduled(post)
        if (draft or scheduled) and not include_unpublished:
            continue
        entries.append(Entry(post, foreign=own is None, draft=draft, scheduled=scheduled))
    entries.sort(key=lambda entry: (entry.post.date, entry.post.slug), reverse=True)
    return entries


def paginate(key: str, kind: str, title: str, entries: list[Entry], size: int, subject: str | None = None) -> list[Listing]:
    chunks = [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]
    pages = len(chunks)

    def key_of(number: int) -> str:
        return Routes.paged_key(key, number)

    return [
        Listing(
            key=key_of(number),
            kind=kind,
            title=title,
            entries=chunk,
            page=number,
            pages=pages,
            subject=subject,
            newer_key=key_of(number - 1) if number > 1 else None,
            older_key=key_of(number + 1) if number < pages else None,
        )
        for number, chunk in enumerate(chunks, start=1)
    ]


def build_listings(collection: Collection, lang: str, entries: list[Entry], size: int, text) -> list[Listing]:
    listings = paginate(Routes.POSTS_KEY, "index", text("posts"), entries, size)

    by_tag: dict[str, list[Entry]] = defaultdict(list)
    by_author: dict[str, list[Entry]] = defaultdict(list)
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        for tag in entry.post.meta.tags:
            by_tag[tag].append(entry)
        meta = entry.post.meta
        # An author page lists what the person wrote, translated or proofread.
        for author in dict.fromkeys(meta.authors + meta.translators + meta.proofreaders):
            by_author[author].append(entry)
        by_year[entry.post.date.year].append(entry)

    tags = sorted(by_tag, key=lambda tag: collection.tags[tag].label(lang).lower())
    listings.append(
        Listing(
            Routes.TAGS_KEY,
            "tags",
            text("tags"),
            groups=[(collection.tags[t].label(lang), Routes.tag_key(t), len(by_tag[t])) for t in tags],
        )
    )
    # Tag and year pages are single pages: paginating every tag would multiply the pages to build
    # by the tags a post has. A tag page shows cards with lazy images; a year page, a list of titles.
    for tag in tags:
        label = collection.tags[tag].label(lang)
        listings.append(Listing(Routes.tag_key(tag), "tag", text("tag_title", label=label), by_tag[tag], subject=tag))

    authors = list(collection.authors)
    listings.append(
        Listing(
            Routes.AUTHORS_KEY,
            "authors",
            text("authors"),
            groups=[(collection.authors[a].name(lang), Routes.author_key(a), len(by_author[a])) for a in authors],
        )
    )
    for author in authors:
        name = collection.authors[author].name(lang)
        listings += paginate(
            Routes.author_key(author), "author", text("author_title", name=name), by_author[author], size, author
        )

    years = sorted(by_year, reverse=True)
    listings.append(
        Listing(
            Routes.ARCHIVE_KEY, "archive", text("archive"), groups=[(str(y), Routes.year_key(y), len(by_year[y])) for y in years]
        )
    )
    for year in years:
        listings.append(
            Listing(Routes.year_key(year), "year", text("archive_title", year=year), by_year[year], subject=str(year))
        )
    return listings
