"""The blog plugin: mounts posts/ and ja/ into each language build and generates the listings.

static-i18n runs one full MkDocs build per language and only knows files inside docs_dir, so
this plugin adds the posts after static-i18n has sorted docs/ (priority -110), once per
language, and keeps what must span languages (sitemap, per-language search) for the end of
the outermost build.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .. import locale_text
from .collection import Collection, CollectionReader, Post, today
from .config import BlogConfig
from .content_policy import HINT, find_violations, line_in_source
from .excerpt import cut_excerpt, root_relative
from .feeds import Feed, FeedItem, render_json_feed, render_rss
from .link_messages import LinkMessageFilter
from .listing import Entry, Listing, build_listings, visible_entries
from .pages import asset_files, listing_file, missing_translation_file, post_file
from .search_index import read_language_index, write_language_index
from .sitemap import SitemapEntry, write_sitemap
from .staging import discard, publish, staging_dir
from .template_context import TemplateContext
from .urls import language_prefix, relative_root

log = get_plugin_logger(__name__)


@dataclass
class LanguageBuild:
    """What one language build knows about the pages it generated."""

    lang: str
    prefix: str
    entries: list[Entry]
    posts: dict[str, Post] = field(default_factory=dict)  # src_uri -> post rendered in this build
    missing: dict[str, Post] = field(default_factory=dict)  # src_uri -> original of an untranslated post
    listings: dict[str, Listing] = field(default_factory=dict)  # src_uri -> listing

    templates: TemplateContext | None = None

    def __post_init__(self) -> None:
        self.positions = {entry.post.slug: index for index, entry in enumerate(self.entries)}


class BlogPlugin(BasePlugin[BlogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.reader: CollectionReader | None = None
        self.collection: Collection | None = None
        self.serving = False
        self.builds: list[LanguageBuild] = []  # stack: static-i18n nests the other languages' builds
        self.sitemap: list[SitemapEntry] = []
        self.search_indexes: dict[str, dict] = {}
        self.not_found_page: bytes | None = None
        self.link_messages = LinkMessageFilter()
        # (lang, slug) -> (body digest, root-relative excerpt HTML); kept across `serve --dirty`
        # rebuilds, which skip rendering unchanged posts.
        self.excerpts: dict[tuple[str, str], tuple[str, str]] = {}
        self.site_dir: str | None = None  # where a successful `mkdocs build` ends up
        self.staging: str | None = None

    # -- set-up --------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if not config.site_url:
            raise PluginError("mkdocs.yml: 'site_url' is required: feeds, hreflang and the sitemap need absolute URLs")
        root = Path(config.config_file_path).parent
        if self.reader is None or self.reader.root != root:
            self.reader = CollectionReader(root, self.config.sources, self.config.authors_file, self.config.tags_file)
        self.link_messages.root = root
        if not self.serving and self.staging is None:
            self.site_dir = config.site_dir
            self.staging = config.site_dir = staging_dir(config.site_dir)
        pages_log = logging.getLogger("mkdocs.structure.pages")
        if self.link_messages not in pages_log.filters:
            pages_log.addFilter(self.link_messages)

    def on_serve(self, server, *, config: MkDocsConfig, builder) -> None:
        if not self.config.enabled:
            return
        root = Path(config.config_file_path).parent
        for folder in self.config.sources.values():
            server.watch(str(root / folder))
        server.watch(str(root / self.config.authors_file))
        server.watch(str(root / self.config.tags_file))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.builds.clear()
        if self.staging:
            discard(self.staging)
            self.staging = None

    @property
    def languages(self) -> list[str]:
        return list(self.config.sources)

    def prefix(self, lang: str) -> str:
        return language_prefix(lang, self.languages)

    @property
    def templates(self) -> TemplateContext:
        return self.builds[-1].templates

    def absolute(self, config: MkDocsConfig, path: str) -> str:
        return config.site_url.rstrip("/") + "/" + path

    # -- files -----------------------------------------------------------------------------------

    # After static-i18n (-100), which drops documentation pages from outside docs_dir.
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        lang = config.theme["language"]
        if lang not in self.config.sources:
            raise PluginError(f"mkdocs.yml: the build language '{lang}' has no entry under fieldnotes/blog 'sources'")
        if not self.builds:  # the outermost build: read the posts once for every language
            self.collection = self.reader.read()
            self.sitemap = []
            self.search_indexes = {}
        collection = self.collection
        if collection.problems:
            raise PluginError(
                f"{len(collection.problems)} problem(s) in the posts:\n  " + "\n  ".join(str(p) for p in collection.problems)
            )
        prefix = self.prefix(lang)
        build = LanguageBuild(lang, prefix, visible_entries(collection, lang, self.serving, today()))
        root = Path(config.config_file_path).parent
        build.templates = TemplateContext(collection, self.languages, build, self.excerpts, root)
        self.builds.append(build)

        text = lambda key, **values: locale_text.text(lang, key, **values)
        for entry in build.entries:
            if entry.foreign:
                file = missing_translation_file(config, entry.post, prefix, text("missing_title"))
                build.missing[file.src_uri] = entry.post
            else:
                file = post_file(config, entry.post, prefix)
                build.posts[file.src_uri] = entry.post
                self.link_messages.sources[file.src_uri] = Path(entry.post.abs_path)
            files.append(file)
        listings = build_listings(collection, lang, build.entries, self.config.listing_page_size, text)
        listings.append(Listing("translations/", "translations", text("translations")))
        for listing in listings:
            file = listing_file(config, listing, prefix)
            build.listings[file.src_uri] = listing
            files.append(file)
        for file in asset_files(config, root, self.config.sources[self.languages[0]]):
            files.append(file)
        return files

    # -- pages ------------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        if page.file.src_uri in self.builds[-1].posts:
            page.meta.setdefault("template", "fieldnotes/post.html")
        # Material prints page.meta.title unescaped in the header; front matter is untrusted.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        build = self.builds[-1]
        post = build.posts.get(page.file.src_uri)
        if post is not None or page.file.generated_by is None:
            self.enforce_content_policy(html, page)
        if post is not None:
            self.excerpts[(post.lang, post.slug)] = (post.digest, root_relative(cut_excerpt(html), page.url))
        return html

    def enforce_content_policy(self, html: str, page: Page) -> None:
        violations = find_violations(html)
        if not violations:
            return
        path = Path(page.file.abs_src_path)
        source = path.read_text(encoding="utf-8")
        shown = path.relative_to(self.reader.root).as_posix() if path.is_relative_to(self.reader.root) else str(path)
        lines = []
        for violation in violations:
            line = line_in_source(source, violation.what)
            lines.append(f"{shown}:{line}: {violation.message}" if line else f"{shown}: {violation.message}")
        raise PluginError("unsafe HTML in a page (" + HINT + "):\n  " + "\n  ".join(dict.fromkeys(lines)))

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            return context
        build = self.builds[-1]
        lang, prefix = build.lang, build.prefix
        src_uri = page.file.src_uri
        key = page.url[len(prefix) :] if prefix and page.url.startswith(prefix) else page.url
        key = "" if key in (".", "./") else key

        post = build.posts.get(src_uri)
        missing = build.missing.get(src_uri)
        listing = build.listings.get(src_uri)
        if post is not None:
            translated = set(self.collection.versions(post.slug))
        elif missing is not None:
            translated = set()
        else:
            translated = set(self.languages)
        context["fieldnotes"] = self.page_context(config, lang, key, translated, is_missing=missing is not None, page=page)
        if prefix:
            # Material's search reads its index from the page's base: point it at /<lang>/.
            context["base_url"] = relative_root(page.url) + prefix
        if post is not None:
            context["post"] = self.templates.post_context(lang, post, page)
        elif missing is not None:
            original = missing
            context["missing"] = {
                "title": escape(original.meta.title),
                "url": self.prefix(original.lang) + f"posts/{original.slug}/",
                "lang": original.lang,
                "body": locale_text.text(lang, "missing_body", title=escape(original.meta.title)),
            }
        elif listing is not None:
            context["listing"] = self.templates.listing_context(lang, listing, page)
        elif key == "":
            home = Listing(
                "", "home", locale_text.text(lang, "latest_posts"), entries=build.entries[: self.config.listing_home_posts]
            )
            context["listing"] = self.templates.listing_context(lang, home, page)
        if missing is None and page.url != "404.html" and not page.url.endswith("/404.html"):
            alternates = context["fieldnotes"]["hreflang"]
            if alternates:
                lastmod = None
                if post is not None:
                    lastmod = (post.meta.updated or post.meta.date).isoformat()
                self.sitemap.append(
                    SitemapEntry(
                        self.absolute(config, page.url if page.url not in (".", "./") else ""), tuple(alternates), lastmod
                    )
                )
        return context

    def page_context(
        self, config: MkDocsConfig, lang: str, key: str, translated: set[str], *, is_missing: bool, page: Page
    ) -> dict:
        alternates = []
        for other in self.languages:
            alternates.append(
                {
                    "lang": other,
                    "name": locale_text.text(other, "language_name"),
                    "url": self.prefix(other) + key,
                    "current": other == lang,
                }
            )
        hreflang = [(other, self.absolute(config, self.prefix(other) + key)) for other in self.languages if other in translated]
        if hreflang:
            default = self.languages[0] if self.languages[0] in translated else min(translated)
            hreflang.append(("x-default", self.absolute(config, self.prefix(default) + key)))
        prefix = self.prefix(lang)
        return {
            "lang": lang,
            "t": locale_text.TEXT[lang],
            "alternates": alternates,
            "hreflang": hreflang,
            "noindex": is_missing,
            "feed_rss": prefix + "feed.xml",
            "feed_json": prefix + "feed.json",
            "feed_title": locale_text.text(lang, "feed_title", site=config.site_name),
            "home": prefix,
        }

    # -- outputs ------------------------------------------------------------------------------

    # After Material's search plugin (0) wrote this language's index, before static-i18n (-100)
    # starts the next language and merges the indexes.
    @event_priority(-90)
    def _write_language_outputs(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        build = self.builds[-1]
        site_dir = Path(config.site_dir)
        not_found = site_dir / "404.html"
        if build.lang == self.languages[0] and not_found.is_file():
            # Every language build writes the site-wide 404.html; keep the default language's.
            self.not_found_page = not_found.read_bytes()
        index = read_language_index(site_dir, build.lang, build.prefix)
        if index is not None:
            self.search_indexes[build.lang] = index
        feed = self.feed(config, build)
        out = site_dir / build.prefix
        out.mkdir(parents=True, exist_ok=True)
        (out / "feed.xml").write_text(render_rss(feed), encoding="utf-8")
        (out / "feed.json").write_text(render_json_feed(feed), encoding="utf-8")

    # Last of all: once the outermost build (the default language) is done, every language is.
    @event_priority(-110)
    def _finish_site(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.builds.pop()
        if self.builds:
            return
        site_dir = Path(config.site_dir)
        for lang, index in self.search_indexes.items():
            write_language_index(site_dir, self.prefix(lang), index)
        write_sitemap(site_dir, self.sitemap)
        if self.not_found_page is not None:
            (site_dir / "404.html").write_bytes(self.not_found_page)
        if self.staging:
            publish(self.staging, self.site_dir)
            config.site_dir, self.staging = self.site_dir, None

    on_post_build = CombinedEvent(_write_language_outputs, _finish_site)

    def feed(self, config: MkDocsConfig, build: LanguageBuild) -> Feed:
        lang = build.lang
        items = [
            FeedItem(
                title=entry.post.meta.title,
                url=self.absolute(config, self.templates.entry_url(entry)),
                date=entry.post.meta.date,
                updated=entry.post.meta.updated,
                authors=[self.collection.authors[a].name(lang) for a in entry.post.meta.authors],
                summary=entry.post.summary,
                tags=[self.collection.tags[t].label(lang) for t in entry.post.meta.tags],
                lang=entry.post.lang,
            )
            for entry in build.entries
            if not entry.foreign and not entry.draft and not entry.scheduled
        ]
        return Feed(
            title=locale_text.text(lang, "feed_title", site=config.site_name),
            home_url=self.absolute(config, build.prefix),
            feed_url=self.absolute(config, build.prefix + "feed.xml"),
            json_url=self.absolute(config, build.prefix + "feed.json"),
            description=config.site_description or config.site_name,
            lang=lang,
            items=items,
        )
