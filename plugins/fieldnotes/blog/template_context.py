"""The data each template receives for one language build: posts, cards, listings and status rows.

Every text that comes from front matter or a registry is HTML-escaped here, once: MkDocs renders
theme templates without autoescaping.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.structure.pages import Page

from .. import locale_text
from .collection import Collection, Post, today
from .excerpt import relative_to_page
from .listing import Entry, Listing
from .translations import OUTDATED, translation_states
from .urls import language_prefix

COMPACT_KINDS = {"tag", "year"}  # listings shown as a list of titles rather than cards


class TemplateContext:
    def __init__(self, collection: Collection, languages: list[str], build, excerpts: dict, root: Path) -> None:
        self.collection = collection
        self.languages = languages
        self.build = build
        self.excerpts = excerpts
        self.root = root

    def prefix(self, lang: str) -> str:
        return language_prefix(lang, self.languages)

    def author_links(self, lang: str, ids: list[str]) -> list[dict]:
        links = []
        for author_id in ids:
            author = self.collection.authors[author_id]
            links.append(
                {
                    "id": author_id,
                    "name": escape(author.name(lang)),
                    "bio": escape(author.bio(lang)),
                    "url": self.prefix(lang) + f"authors/{author_id}/",
                    "avatar": escape(author.avatar) if author.avatar else None,
                    "link": escape(author.url) if author.url else None,
                }
            )
        return links

    def tag_links(self, lang: str, ids: list[str]) -> list[dict]:
        return [{"label": escape(self.collection.tags[t].label(lang)), "url": self.prefix(lang) + f"tags/{t}/"} for t in ids]

    def entry_url(self, entry: Entry) -> str:
        return self.prefix(entry.post.lang) + f"posts/{entry.post.slug}/"

    def card(self, lang: str, entry: Entry, page: Page) -> dict:
        post = entry.post
        cached = None if entry.foreign else self.excerpts.get((post.lang, post.slug))
        excerpt = cached[1] if cached and cached[0] == post.digest else None
        return {
            "title": escape(post.meta.title),
            "url": self.entry_url(entry),
            "date": post.date.isoformat(),
            "date_text": locale_text.format_date(post.date, lang),
            "authors": self.author_links(lang, post.meta.authors),
            "tags": self.tag_links(lang, post.meta.tags),
            "readtime": locale_text.readtime_text(post.minutes, lang),
            "excerpt_html": relative_to_page(excerpt, page.url) if excerpt is not None else None,
            "summary": escape(post.summary),
            "foreign": entry.foreign,
            "foreign_lang": post.lang,
            "foreign_note": locale_text.text(lang, "other_language_note"),
            "more": post.has_more or excerpt is None,
            "draft": entry.draft,
            "scheduled": entry.scheduled,
        }

    def compact_item(self, lang: str, entry: Entry) -> dict:
        post = entry.post
        return {
            "title": escape(post.meta.title),
            "url": self.entry_url(entry),
            "date": post.date.isoformat(),
            "date_text": locale_text.format_date(post.date, lang),
            "foreign": entry.foreign,
            "foreign_lang": post.lang,
            "foreign_note": locale_text.text(lang, "other_language_note"),
        }

    def post_context(self, lang: str, post: Post, page: Page) -> dict:
        build = self.build
        entries = build.entries
        index = build.positions[post.slug]
        neighbours = {}
        if index + 1 < len(entries):
            neighbours["previous"] = entries[index + 1]
        if index > 0:
            neighbours["next"] = entries[index - 1]
        meta = post.meta
        original = self.collection.original(post.slug)
        outdated = None
        if post is not original and meta.source_digest != original.digest:
            outdated = {"url": self.prefix(original.lang) + f"posts/{original.slug}/", "lang": original.lang}
        return {
            "outdated": outdated,
            "title": escape(meta.title),
            "date": meta.date.isoformat(),
            "date_text": locale_text.format_date(meta.date, lang),
            "updated": meta.updated.isoformat() if meta.updated else None,
            "updated_text": locale_text.format_date(meta.updated, lang) if meta.updated else None,
            "authors": self.author_links(lang, meta.authors),
            "translators": self.author_links(lang, meta.translators),
            "proofreaders": self.author_links(lang, meta.proofreaders),
            "tags": self.tag_links(lang, meta.tags),
            "readtime": locale_text.readtime_text(post.minutes, lang),
            "draft": meta.draft,
            "scheduled": meta.date > today(),
            "neighbours": {
                name: {
                    "title": escape(entry.post.meta.title),
                    "url": self.entry_url(entry),
                    "foreign": entry.foreign,
                    "lang": entry.post.lang,
                }
                for name, entry in neighbours.items()
            },
        }

    def translation_rows(self, lang: str, root: Path) -> list[dict]:
        rows = []
        for entry in self.build.entries:
            slug = entry.post.slug
            states = translation_states(self.collection, slug, root)
            cells = []
            for state in states.values():
                label = locale_text.text(
                    lang, f"state_{state.state}", since=locale_text.format_date(state.since, lang) if state.since else ""
                )
                url = self.prefix(state.lang) + f"posts/{slug}/" if state.post else None
                cells.append({"lang": state.lang, "state": state.state, "label": label, "url": url})
            translators = sorted({t for s in states.values() if s.post for t in s.post.meta.translators})
            rows.append(
                {
                    "title": escape(entry.post.meta.title),
                    "url": self.entry_url(entry),
                    "cells": cells,
                    "translators": self.author_links(lang, translators),
                    "outdated": any(state.state == OUTDATED for state in states.values()),
                }
            )
        return rows

    def listing_context(self, lang: str, listing: Listing, page: Page) -> dict:
        if listing.kind == "translations":
            root = self.root
            return {
                "kind": "translations",
                "title": listing.title,
                "rows": self.translation_rows(lang, root),
                "languages": [{"lang": l, "name": locale_text.text(l, "language_name")} for l in self.languages],
            }
        return {
            "kind": listing.kind,
            "title": listing.title,
            "cards": [self.card(lang, entry, page) for entry in listing.entries] if listing.kind not in COMPACT_KINDS else [],
            "compact": [self.compact_item(lang, entry) for entry in listing.entries] if listing.kind in COMPACT_KINDS else [],
            "page": listing.page,
            "pages": listing.pages,
            "page_text": locale_text.text(lang, "page_of", page=listing.page, pages=listing.pages),
            "newer": self.prefix(lang) + listing.newer_key if listing.newer_key else None,
            "older": self.prefix(lang) + listing.older_key if listing.older_key else None,
            "groups": [
                {"label": label, "url": self.prefix(lang) + key, "count": locale_text.count_text(count, lang)}
                for label, key, count in listing.groups
            ],
            "all_posts": self.prefix(lang) + "posts/",
            "profile": self.author_links(lang, [listing.subject])[0] if listing.kind == "author" else None,
        }
