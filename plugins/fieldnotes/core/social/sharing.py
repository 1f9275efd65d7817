"""Everything a page offers for sharing, citing and contributing, made from the site build.

For every page: link-preview and indexing metadata (`head`). For posts: structured data, the social
card, related posts, the cite block and the edit links (`post_extras`). For listings: each card's
thumbnail. The card images themselves are drawn (or taken from the cache) by `write_cards`.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..collection import Post
from ..features.feature import CitedWork
from ..listing import Listing
from ..problems import Problem
from ..site import SiteBuild
from .card_cache import cached_card, cached_thumbnail
from .cards import HEIGHT, WIDTH, CardText
from .citation import CitationFacts, cite_block
from .edit_links import contribution_links
from .feed_content import FeedImage
from .fonts import FontStack
from .head_meta import ArticleFacts, PageFacts, Person, SocialImage, head_meta
from .post_image import PostImage, resolve_post_image
from .related import PostFacts, RelatedPosts
from .structured_data import PostingFacts, Version, blog_posting, breadcrumbs, json_ld_text

CARD_FILE = "card.png"  # in the folder of each post page, and of each language's home
THUMBNAIL_FILE = "card-480.png"
THUMBNAIL_WIDTH = 480
POST, LISTING, HOME, NOT_FOUND, OTHER = "post", "listing", "home", "404", "other"


@dataclass(frozen=True)
class CardImage:
    path: str  # site path of the full-size image (og:image)
    width: int
    height: int
    thumbnail: str  # site path of the listing thumbnail
    thumbnail_height: int
    own: PostImage | None  # the post's `image:`, else None: the card is drawn


class Sharing:
    def __init__(self, site: SiteBuild, repo_url: str, branch: str, assets_dir: Path) -> None:
        self.site = site
        self.routes = site.routes
        self.locales = site.locales
        self.repo_url = repo_url
        self.branch = branch
        self.images: dict[tuple[str, str], PostImage] = {}
        self.related: dict[str, RelatedPosts] = {}  # lang -> each post once, as that language lists it
        self.problems: list[Problem] = []
        for posts in site.collection.posts.values():
            for post in posts.values():
                if post.meta.image is None:
                    continue
                image = resolve_post_image(post.meta.image, post.slug, assets_dir.parent, post.source, post.line_of("image"))
                if isinstance(image, Problem):
                    self.problems.append(image)
                else:
                    self.images[(post.lang, post.slug)] = image

    def labels(self, lang: str) -> dict[str, str]:
        return self.locales.table(lang)

    # -- cards ------------------------------------------------------------------------------------

    def card_text(self, post: Post) -> CardText:
        collection, lang = self.site.collection, post.lang
        return CardText.of(
            self.labels(lang),
            post.meta.title,
            self.site.languages[lang].site_name,
            authors=tuple(collection.authors[a].name(lang) for a in post.meta.authors),
            date_text=self.locales.format_date(post.date, lang),
            tags=tuple(collection.tags[t].label(lang) for t in post.meta.tags),
        )

    def site_card_text(self, lang: str) -> CardText:
        pages = self.site.languages[lang]
        return CardText.of(self.labels(lang), pages.site_description or pages.site_name, pages.site_name)

    def card(self, post: Post) -> CardImage:
        folder = self.routes.post(post.lang, post.slug)
        own = self.images.get((post.lang, post.slug))
        if own:
            height = round(own.height * THUMBNAIL_WIDTH / own.width)
            return CardImage(own.site_path, own.width, own.height, folder + THUMBNAIL_FILE, height, own)
        height = round(HEIGHT * THUMBNAIL_WIDTH / WIDTH)
        return CardImage(folder + CARD_FILE, WIDTH, HEIGHT, folder + THUMBNAIL_FILE, height, None)

    def site_card(self, lang: str) -> CardImage:
        home = self.routes.home(lang)
        height = round(HEIGHT * THUMBNAIL_WIDTH / WIDTH)
        return CardImage(home + CARD_FILE, WIDTH, HEIGHT, home + THUMBNAIL_FILE, height, None)

    def write_cards(self, lang: str, site_dir: Path, fonts: FontStack, cache_dir: Path) -> set[Path]:
        """Draw (or reuse) the cards of `lang`'s posts and home page into the site; the cache files used."""
        used: set[Path] = set()

        def place(source: Path, site_path: str) -> None:
            target = site_dir / site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:  # cached files never change (named by digest): the site can share them instead of copies
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
            used.add(source)

        for entry in self.site.languages[lang].entries:
            if entry.foreign:
                continue
            card = self.card(entry.post)
            source = card.own.path if card.own else cached_card(self.card_text(entry.post), fonts, cache_dir)
            if not card.own:
                place(source, card.path)
            thumbnail, _, _ = cached_thumbnail(source, cache_dir, THUMBNAIL_WIDTH, flat=not card.own)
            place(thumbnail, card.thumbnail)
        home = self.site_card(lang)
        place(cached_card(self.site_card_text(lang), fonts, cache_dir), home.path)
        return used

    def feed_image(self, post: Post) -> FeedImage:
        card = self.card(post)
        mime = card.own.mime if card.own else "image/png"
        return FeedImage(self.routes.absolute(card.path), card.width, card.height, mime)

    # -- head metadata ----------------------------------------------------------------------------

    def _social_image(self, card: CardImage, text: CardText) -> SocialImage:
        mime = card.own.mime if card.own else "image/png"
        return SocialImage(self.routes.absolute(card.path), card.width, card.height, text.alt, mime)

    def head(
        self,
        lang: str,
        key: str,
        kind: str,
        title: str,
        description: str,
        post: Post | None = None,
        cited: tuple[CitedWork, ...] = (),
    ) -> dict:
        """`social` for the templates: the page's <meta> list, its JSON-LD blocks and its <title> text."""
        routes, pages = self.routes, self.site.languages[lang]
        translated = self.site.translated(lang, key) if kind != NOT_FOUND else set()
        canonical = routes.absolute(routes.page(lang, key)) if kind != NOT_FOUND else None
        if post:
            image = self._social_image(self.card(post), self.card_text(post))
        else:
            image = self._social_image(self.site_card(lang), self.site_card_text(lang))
        facts = PageFacts(
            kind=kind,
            title=title,
            description=description,
            canonical_url=canonical,
            lang=lang,
            locale=self.locales.text(lang, "og_locale"),
            site_name=pages.site_name,
            alternate_locales=tuple(
                self.locales.text(other, "og_locale") for other in routes.languages if other in translated and other != lang
            ),
            image=image,
            article=self._article(post, lang, cited) if post else None,
            noindex=key in pages.missing,
        )
        json_ld = [json_ld_text(block) for block in self._structured_data(post, lang, image, cited)] if post else []
        return {"meta": head_meta(facts), "json_ld": json_ld, "title": title, "description": description}

    def _people(self, ids: list[str], lang: str) -> tuple[Person, ...]:
        authors = self.site.collection.authors
        return tuple(Person(authors[a].name(lang), self.routes.absolute(self.routes.author(lang, a))) for a in ids)

    def _article(self, post: Post, lang: str, cited: tuple[CitedWork, ...]) -> ArticleFacts:
        tags = self.site.collection.tags
        return ArticleFacts(
            post.meta.date,
            post.meta.updated,
            self._people(post.meta.authors, lang),
            tuple(tags[t].label(lang) for t in post.meta.tags),
            cited,
        )

    def _structured_data(self, post: Post, lang: str, image: SocialImage, cited: tuple[CitedWork, ...]) -> list[dict]:
        routes, collection, pages = self.routes, self.site.collection, self.site.languages[lang]
        url = routes.absolute(routes.post(lang, post.slug))
        original = collection.original(post.slug)

        def version(other: Post) -> Version:
            return Version(routes.absolute(routes.post(other.lang, other.slug)), other.lang, other.meta.title)

        translations = tuple(version(other) for other in collection.versions(post.slug).values() if other is not post)
        posting = PostingFacts(
            url=url,
            headline=post.meta.title,
            description=post.summary,
            published=post.meta.date,
            modified=post.meta.updated,
            authors=self._people(post.meta.authors, lang),
            lang=lang,
            blog_name=pages.site_name,
            blog_url=routes.absolute(routes.home(lang)),
            image=image,
            tags=tuple(collection.tags[t].label(lang) for t in post.meta.tags),
            translators=self._people(post.meta.translators, lang),
            original=version(original) if post is not original else None,
            translations=translations if post is original else (),
            cited=cited,
        )
        trail = [
            (self.locales.text(lang, "breadcrumb_home"), routes.absolute(routes.home(lang))),
            (self.locales.text(lang, "posts"), routes.absolute(routes.posts_index(lang))),
            (post.meta.title, url),
        ]
        return [blog_posting(posting), breadcrumbs(trail)]

    def listing_description(self, listing: Listing, lang: str) -> str:
        """A generated page's own description: "Articles of ML Field Notes tagged “LLMs”, newest first."."""
        site, kind = self.site.languages[lang].site_name, listing.kind
        values: dict[str, object] = {"site": site}
        if kind == "tag":
            values["label"] = self.site.collection.tags[listing.subject].label(lang)
        elif kind == "author":
            values["name"] = self.site.collection.authors[listing.subject].name(lang)
        elif kind == "year":
            values["year"] = listing.subject
        return self.locales.text(lang, f"description_{kind}", **values)

    # -- the end of a post, and the notice of a missing translation -----------------------------

    def post_extras(self, post: Post) -> dict:
        lang, routes, collection = post.lang, self.routes, self.site.collection
        labels = self.labels(lang)
        if lang not in self.related:  # each post once, as the reader's language lists it: its own version, else the original
            self.related[lang] = RelatedPosts(
                [
                    PostFacts(
                        entry.post.slug,
                        entry.post.lang,
                        tuple(entry.post.meta.tags),
                        entry.post.date,
                        not entry.post.is_translation,
                    )
                    for entry in self.site.languages[lang].entries
                ]
            )
        related = [
            {
                "title": self._post(s.post).meta.title,
                "url": routes.post(s.post.lang, s.post.slug),
                "date": s.post.date.isoformat(),
                "date_text": self.locales.format_date(s.post.date, lang),
                "foreign": s.foreign,
                "lang": s.post.lang,
                "foreign_note": self.locales.text(lang, "other_language_note", language=s.post.lang),
            }
            for s in self.related[lang].for_post(post.slug, lang)
        ]
        names = tuple(collection.authors[a].name(lang) for a in post.meta.authors)
        citation = CitationFacts(
            post.slug,
            post.meta.title,
            names,
            post.meta.date,
            routes.absolute(routes.post(lang, post.slug)),
            self.site.languages[lang].site_name,
            labels["bibtex_language"],
            accessed=self.site.today,
        )
        state = "translation" if post.is_translation else "original"
        return {
            "related": {"title": labels["related_title"], "posts": related},
            "cite": cite_block(citation, labels),
            "contribute": contribution_links(self.repo_url, self.branch, state, post.source, post.slug, post.meta.title, labels),
        }

    def missing_extras(self, original: Post, lang: str) -> dict:
        links = contribution_links(
            self.repo_url, self.branch, "missing", original.source, original.slug, original.meta.title, self.labels(lang)
        )
        return {"contribute": links}

    def _post(self, facts: PostFacts) -> Post:
        return self.site.collection.get(facts.lang, facts.slug)
