"""One build of the whole site, in every language: what each language's pages are, and the
outputs that span them (sitemap, feeds). The generator's glue fills it as it learns about pages
and reads everything back from here; nothing is rebuilt from what the templates received.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .collection import Collection, Post
from .feeds import Feed, FeedItem
from .listing import Entry, Listing, build_listings, visible_entries
from .locales import Locales
from .routes import Routes
from .sitemap import SitemapEntry
from .social.feed_content import FeedImage

POST, MISSING, LISTING, HOME, DOCUMENT = "post", "missing", "listing", "home", "document"
# Pages the sitemap leaves out: a missing translation only points at the original.
UNLISTED_KINDS = {MISSING}


@dataclass(frozen=True)
class SiteSettings:
    page_size: int  # posts per listing page
    home_posts: int  # posts on the home page
    serving: bool  # drafts, scheduled and unfinished posts are shown, marked
    feed_length: int = 20  # newest posts in each language's feeds, each carrying its whole article


@dataclass
class LanguagePages:
    """The pages one language build generates, by key (the path without language prefix)."""

    lang: str
    site_name: str
    site_description: str
    entries: list[Entry]
    posts: dict[str, Post] = field(default_factory=dict)  # key -> the post in this language
    missing: dict[str, Post] = field(default_factory=dict)  # key -> the original of an untranslated post
    listings: dict[str, Listing] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)  # keys of site pages that are not posts (about, home)
    feed_entries: list[Entry] | None = None  # made on first use, once every post is known

    def __post_init__(self) -> None:
        self.positions = {entry.post.slug: index for index, entry in enumerate(self.entries)}

    def kind(self, key: str) -> str:
        if key in self.posts:
            return POST
        if key in self.missing:
            return MISSING
        if key in self.listings:
            return LISTING
        return HOME if key == "" else DOCUMENT


class SiteBuild:
    def __init__(self, collection: Collection, routes: Routes, locales: Locales, settings: SiteSettings) -> None:
        self.collection = collection
        self.routes = routes
        self.locales = locales
        self.settings = settings
        self.languages: dict[str, LanguagePages] = {}

    def add_language(self, lang: str, site_name: str, site_description: str) -> LanguagePages:
        """Work out the pages of `lang`: its posts, the notices for posts it lacks, its listings."""
        collection, routes = self.collection, self.routes
        entries = visible_entries(collection, lang, self.settings.serving)
        pages = LanguagePages(lang, site_name, site_description, entries)
        for entry in entries:
            key = routes.post_key(entry.post.slug)
            (pages.missing if entry.foreign else pages.posts)[key] = entry.post

        def text(key: str, **values: object) -> str:
            return self.locales.text(lang, key, **values)

        listings = build_listings(collection, lang, entries, self.settings.page_size, text)
        listings.append(Listing(routes.TRANSLATIONS_KEY, "translations", text("translations")))
        pages.listings = {listing.key: listing for listing in listings}
        self.languages[lang] = pages
        return pages

    def home_listing(self, lang: str) -> Listing:
        entries = self.languages[lang].entries[: self.settings.home_posts]
        return Listing("", "home", self.locales.text(lang, "latest_posts"), entries=entries)

    def translated(self, lang: str, key: str) -> set[str]:
        """The languages that have the page at `key` (posts: their versions; notices: none; the rest: all)."""
        pages = self.languages[lang]
        if key in pages.posts:
            return set(self.collection.versions(pages.posts[key].slug))
        if key in pages.missing:
            return set()
        return set(self.routes.languages)

    def alternates(self, lang: str, key: str) -> list[tuple[str, str]]:
        return self.routes.alternates(key, self.translated(lang, key))

    # -- outputs that span every language ------------------------------------------------------

    def sitemap(self) -> list[SitemapEntry]:
        entries = []
        for lang, pages in self.languages.items():
            keys = [*pages.posts, *pages.listings, *pages.documents]
            for key in dict.fromkeys(keys):
                if pages.kind(key) in UNLISTED_KINDS:
                    continue
                post = pages.posts.get(key)
                lastmod = (post.meta.updated or post.meta.date).isoformat() if post else None
                entries.append(
                    SitemapEntry(self.routes.absolute(self.routes.page(lang, key)), tuple(self.alternates(lang, key)), lastmod)
                )
        return entries

    def feed_entries(self, lang: str) -> list[Entry]:
        """The newest posts written in `lang` that its feeds carry."""
        pages = self.languages[lang]
        if pages.feed_entries is None:
            own = [entry for entry in pages.entries if not entry.foreign and not entry.draft and not entry.scheduled]
            pages.feed_entries = own[: self.settings.feed_length]
        return pages.feed_entries

    def in_feed(self, post: Post) -> bool:
        return any(entry.post.slug == post.slug for entry in self.feed_entries(post.lang))

    def feed(self, lang: str, articles: dict[tuple[str, str], tuple[str, str]], image_of: Callable[[Post], FeedImage]) -> Feed:
        """The feed of `lang`: `articles` holds each rendered post's (body digest, feed-safe HTML) by (lang, slug)."""
        routes, collection, pages = self.routes, self.collection, self.languages[lang]

        def article(post: Post) -> str | None:
            cached = articles.get((post.lang, post.slug))
            return cached[1] if cached and cached[0] == post.digest else None

        items = [
            FeedItem(
                title=entry.post.meta.title,
                url=routes.absolute(routes.post(entry.post.lang, entry.post.slug)),
                date=entry.post.meta.date,
                updated=entry.post.meta.updated,
                authors=[collection.authors[a].name(lang) for a in entry.post.meta.authors],
                summary=entry.post.summary,
                tags=[collection.tags[t].label(lang) for t in entry.post.meta.tags],
                lang=entry.post.lang,
                content_html=article(entry.post),
                image=image_of(entry.post),
            )
            for entry in self.feed_entries(lang)
        ]
        return Feed(
            title=self.locales.text(lang, "feed_title", site=pages.site_name),
            home_url=routes.absolute(routes.home(lang)),
            feed_url=routes.absolute(routes.feed_rss(lang)),
            json_url=routes.absolute(routes.feed_json(lang)),
            description=pages.site_description or pages.site_name,
            lang=lang,
            items=items,
        )

    @property
    def today(self) -> dt.date:
        return self.collection.today
