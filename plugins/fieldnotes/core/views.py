"""What the templates receive for each page: plain dicts made from the site build, per language.

Values are plain text: our templates escape every value as they print it (autoescape), so a name,
label or title from an author's files is never markup. URLs are site paths; templates make them relative.
"""

from __future__ import annotations

from pathlib import Path

from .collection import Post
from .listing import Entry, Listing
from .site import SiteBuild
from .social.sharing import THUMBNAIL_WIDTH, Sharing
from .translations import OUTDATED, translation_states

COMPACT_KINDS = {"year"}  # listings shown as a list of titles rather than cards


class PageViews:
    """The template data of one language's pages."""

    def __init__(self, site: SiteBuild, sharing: Sharing, lang: str, root: Path) -> None:
        self.site = site
        self.sharing = sharing
        self.lang = lang
        self.root = root  # the project folder, for the git history of the translation status
        self.pages = site.languages[lang]
        self.routes = site.routes
        self.collection = site.collection
        self.locales = site.locales
        self.cards: dict[tuple[str, str], dict] = {}  # a post's card, shown on the home, index, tag and author pages

    def t(self, key: str, **values: object) -> str:
        return self.locales.text(self.lang, key, **values)

    def date(self, value) -> str:
        return self.locales.format_date(value, self.lang)

    # -- every page -----------------------------------------------------------------------------

    def chrome(self, key: str) -> dict:
        """Language switcher, hreflang, feeds and interface text: what main.html needs on every page."""
        lang, routes = self.lang, self.routes
        return {
            "lang": lang,
            "t": self.locales.table(lang),
            "alternates": [
                {
                    "lang": other,
                    "name": self.locales.language_name(other, other),
                    "url": routes.page(other, key),
                    "current": other == lang,
                }
                for other in routes.languages
            ],
            "hreflang": self.site.alternates(lang, key),
            "noindex": key in self.pages.missing,
            "feed_rss": routes.feed_rss(lang),
            "feed_json": routes.feed_json(lang),
            "feed_title": self.t("feed_title", site=self.pages.site_name),
            "home": routes.home(lang),
        }

    # -- pieces -----------------------------------------------------------------------------------

    def author_links(self, ids: list[str]) -> list[dict]:
        links = []
        for author_id in ids:
            author = self.collection.authors[author_id]
            links.append(
                {
                    "id": author_id,
                    "name": author.name(self.lang),
                    "bio": author.bio(self.lang),
                    "url": self.routes.author(self.lang, author_id),
                    "avatar": author.avatar,
                    "link": author.url,
                }
            )
        return links

    def tag_links(self, ids: list[str]) -> list[dict]:
        return [{"label": self.collection.tags[t].label(self.lang), "url": self.routes.tag(self.lang, t)} for t in ids]

    def entry_url(self, entry: Entry) -> str:
        return self.routes.post(entry.post.lang, entry.post.slug)

    def foreign_note(self, entry: Entry) -> str:
        return self.t("other_language_note", language=entry.post.lang)

    def card(self, entry: Entry) -> dict:
        """A post in a listing: a compact card with its image, description and the facts of the post."""
        post = entry.post
        key = (post.lang, post.slug)
        if key not in self.cards:
            self.cards[key] = self._card(entry)
        return self.cards[key]

    def _card(self, entry: Entry) -> dict:
        post = entry.post
        image = self.sharing.card(post)
        return {
            "title": post.meta.title,
            "url": self.entry_url(entry),
            "date": post.date.isoformat(),
            "date_text": self.date(post.date),
            "authors": self.author_links(post.meta.authors),
            "tags": self.tag_links(post.meta.tags),
            "readtime": self.locales.plural(self.lang, "readtime", post.minutes, minutes=post.minutes),
            "summary": post.summary,
            "image": {"url": image.thumbnail, "width": THUMBNAIL_WIDTH, "height": image.thumbnail_height},
            "foreign": entry.foreign,
            "foreign_lang": post.lang,
            "foreign_note": self.foreign_note(entry),
            "draft": entry.draft,
            "scheduled": entry.scheduled,
        }

    def compact_item(self, entry: Entry) -> dict:
        post = entry.post
        return {
            "title": post.meta.title,
            "url": self.entry_url(entry),
            "date": post.date.isoformat(),
            "date_text": self.date(post.date),
            "foreign": entry.foreign,
            "foreign_lang": post.lang,
            "foreign_note": self.foreign_note(entry),
        }

    # -- page kinds -------------------------------------------------------------------------------

    def post(self, post: Post) -> dict:
        """A post's header, banners and neighbours, and what its end offers (related posts, citation, edit links)."""
        entries = self.pages.entries
        index = self.pages.positions[post.slug]
        neighbours = {}
        if index + 1 < len(entries):
            neighbours["previous"] = entries[index + 1]
        if index > 0:
            neighbours["next"] = entries[index - 1]
        meta = post.meta
        original = self.collection.original(post.slug)
        outdated = None
        if post is not original and meta.source_digest != original.digest:
            outdated = {"url": self.routes.post(original.lang, original.slug), "lang": original.lang}
        return {
            "outdated": outdated,
            "title": meta.title,
            "date": meta.date.isoformat(),
            "date_text": self.date(meta.date),
            "updated": meta.updated.isoformat() if meta.updated else None,
            "updated_text": self.date(meta.updated) if meta.updated else None,
            "authors": self.author_links(meta.authors),
            "translators": self.author_links(meta.translators),
            "proofreaders": self.author_links(meta.proofreaders),
            "tags": self.tag_links(meta.tags),
            "readtime": self.locales.plural(self.lang, "readtime", post.minutes, minutes=post.minutes),
            # Absolute, as the search index keeps it for whichever page shows the result.
            "thumbnail": self.routes.absolute(self.sharing.card(post).thumbnail),
            "draft": meta.draft or self.collection.is_unfinished(post),
            "scheduled": self.collection.is_scheduled(post),
            "neighbours": {
                name: {
                    "title": entry.post.meta.title,
                    "url": self.entry_url(entry),
                    "foreign": entry.foreign,
                    "lang": entry.post.lang,
                }
                for name, entry in neighbours.items()
            },
            **self.sharing.post_extras(post),
        }

    def missing(self, original: Post) -> dict:
        title = original.meta.title
        return {
            "title": title,
            "url": self.routes.post(original.lang, original.slug),
            "lang": original.lang,
            "heading": self.t("missing_title"),
            "body": self.t("missing_body", title=title, original_language=original.lang),
            "link": self.t("missing_link", original_language=original.lang),
            **self.sharing.missing_extras(original, self.lang),
        }

    def translation_rows(self) -> list[dict]:
        rows = []
        for entry in self.pages.entries:
            slug = entry.post.slug
            states = translation_states(self.collection, slug, self.root)
            cells = []
            for state in states.values():
                since = self.date(state.since) if state.since else ""
                label = self.t(f"state_{state.state}", since=since)
                url = self.routes.post(state.lang, slug) if state.post else None
                cells.append({"lang": state.lang, "state": state.state, "label": label, "url": url})
            translators = sorted({t for s in states.values() if s.post for t in s.post.meta.translators})
            rows.append(
                {
                    "title": entry.post.meta.title,
                    "url": self.entry_url(entry),
                    "cells": cells,
                    "translators": self.author_links(translators),
                    "outdated": any(state.state == OUTDATED for state in states.values()),
                }
            )
        return rows

    def listing(self, listing: Listing) -> dict:
        routes, lang = self.routes, self.lang
        if listing.kind == "translations":
            return {
                "kind": "translations",
                "title": listing.title,
                "rows": self.translation_rows(),
                "languages": [{"lang": other, "name": self.locales.language_name(other, other)} for other in routes.languages],
            }
        compact = listing.kind in COMPACT_KINDS
        return {
            "kind": listing.kind,
            "title": listing.title,
            "cards": [] if compact else [self.card(entry) for entry in listing.entries],
            "compact": [self.compact_item(entry) for entry in listing.entries] if compact else [],
            "page": listing.page,
            "pages": listing.pages,
            "page_text": self.t("page_of", page=listing.page, pages=listing.pages),
            "newer": routes.page(lang, listing.newer_key) if listing.newer_key else None,
            "older": routes.page(lang, listing.older_key) if listing.older_key else None,
            "groups": [
                {"label": label, "url": routes.page(lang, key), "count": self.locales.plural(lang, "post_count", count)}
                for label, key, count in listing.groups
            ],
            "all_posts": routes.posts_index(lang),
            "profile": self.author_links([listing.subject])[0] if listing.kind == "author" else None,
        }
