"""The blog plugin: mounts every language's posts into that language's build and generates the listings.

static-i18n runs one full MkDocs build per language and only knows files inside docs_dir, so this
plugin adds the posts after static-i18n has sorted docs/ (priority -110), once per language, and
writes what spans languages (sitemap, per-language search) at the end of the outermost build.
Each hook hands what MkDocs knows to the core (`SiteBuild`, `PageViews`) and puts the result back.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ...core.collection import CollectionReader
from ...core.content_policy import HINT, find_violations, line_in_source
from ...core.excerpt import cut_excerpt, root_relative
from ...core.feeds import render_json_feed, render_rss
from ...core.locales import load_locales
from ...core.problems import Problem
from ...core.routes import NOT_FOUND, Routes, relative_root
from ...core.site import SiteBuild, SiteSettings
from ...core.sitemap import write_sitemap
from ...core.views import PageViews
from ..shared import SharedBuild, raise_problems, shared_build
from .config import BlogConfig
from .link_messages import LinkMessageFilter
from .pages import asset_files, listing_file, missing_translation_file, post_file, post_src_uri
from .search_index import read_language_index, write_language_index
from .staging import discard, publish, staging_dir

log = get_plugin_logger(__name__)
POST_TEMPLATE = "fieldnotes/post.html"


class BlogPlugin(BasePlugin[BlogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.reader: CollectionReader | None = None
        self.shared: SharedBuild | None = None
        self.serving = False
        self.link_messages = LinkMessageFilter()
        # (lang, slug) -> (body digest, root-relative excerpt HTML); kept across `serve --dirty`
        # rebuilds, which skip rendering unchanged posts.
        self.excerpts: dict[tuple[str, str], tuple[str, str]] = {}
        self.views: dict[str, PageViews] = {}
        self.search_indexes: dict[str, dict] = {}
        self.not_found_page: bytes | None = None
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
        shared = self.shared = shared_build(config)
        shared.serving = self.serving
        root = shared.root
        if self.reader is None or self.reader.root != root:
            self.reader = CollectionReader(root, self.config.sources, self.config.authors_file, self.config.tags_file)
        if not shared.stack:  # once per site build: every language reads the same interface text
            shared.locales = load_locales(root / self.config.locales_dir, self.languages, self.config.locales_dir)
            raise_problems(shared.locales.problems, "the interface text")
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
        root = self.shared.root
        for path in [*self.config.sources.values(), self.config.authors_file, self.config.tags_file, self.config.locales_dir]:
            server.watch(str(root / path))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.views.clear()
        if self.shared:
            self.shared.stack.clear()
        if self.staging:
            discard(self.staging)
            self.staging = None

    @property
    def languages(self) -> list[str]:
        return list(self.config.sources)

    # -- files -----------------------------------------------------------------------------------

    # After static-i18n (-100), which drops documentation pages from outside docs_dir.
    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        lang = config.theme["language"]
        if lang not in self.config.sources:
            raise PluginError(f"mkdocs.yml: the build language '{lang}' has no entry under fieldnotes/blog 'sources'")
        shared = self.shared
        if not shared.stack:  # the outermost build: read the posts once for every language
            shared.site = self.open_site(shared, config)
            self.search_indexes = {}
        shared.stack.append(lang)
        site = shared.site
        routes = site.routes
        documents = {routes.key_of(lang, file.url) for file in files.documentation_pages()}
        pages = site.add_language(lang, config.site_name, config.site_description or "")
        pages.documents = documents
        self.views[lang] = PageViews(site, lang, shared.root, self.excerpts)
        prefix = routes.prefix(lang)
        missing_title = shared.locales.text(lang, "missing_title")
        for entry in pages.entries:
            if entry.foreign:
                files.append(missing_translation_file(config, entry.post, prefix, missing_title))
            else:
                files.append(post_file(config, entry.post, prefix))
                self.link_messages.sources[post_src_uri(entry.post.slug)] = Path(entry.post.abs_path)
        for listing in pages.listings.values():
            files.append(listing_file(config, listing, prefix))
        for file in asset_files(config, shared.root, self.config.sources[self.languages[0]]):
            files.append(file)
        return files

    def open_site(self, shared: SharedBuild, config: MkDocsConfig) -> SiteBuild:
        collection = self.reader.read()
        problems = list(collection.problems)
        if not self.serving:
            problems += [
                Problem(
                    post.source,
                    post.placeholder_line,
                    "still holds a placeholder from `fieldnotes new` or `fieldnotes translate` ('TODO:'); "
                    "finish the text, or set `draft: true` to keep it out of the site",
                )
                for posts in collection.posts.values()
                for post in posts.values()
                if collection.is_unfinished(post) and not post.meta.draft
            ]
        raise_problems(problems, "the posts")
        settings = SiteSettings(self.config.listing_page_size, self.config.listing_home_posts, self.serving)
        return SiteBuild(collection, Routes.of(self.languages, config.site_url), shared.locales, settings)

    # -- pages ------------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        shared = self.shared
        if shared.page_key(page) in shared.pages.posts and page.file.generated_by is None:
            page.meta.setdefault("template", POST_TEMPLATE)
        # Material prints page.meta.title unescaped in the header; front matter is untrusted.
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        shared = self.shared
        post = shared.pages.posts.get(shared.page_key(page)) if page.file.generated_by is None else None
        if page.file.generated_by is None:
            self.enforce_content_policy(html, page)
        if post is not None:
            self.excerpts[(post.lang, post.slug)] = (post.digest, root_relative(cut_excerpt(html), page.url))
        return html

    def enforce_content_policy(self, html: str, page: Page) -> None:
        violations = find_violations(html)
        if not violations:
            return
        root = self.reader.root
        path = Path(page.file.abs_src_path)
        source = path.read_text(encoding="utf-8")
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        lines = []
        for violation in violations:
            line = line_in_source(source, violation.what)
            lines.append(f"{shown}:{line}: {violation.message}" if line else f"{shown}: {violation.message}")
        raise PluginError("unsafe HTML in a page (" + HINT + "):\n  " + "\n  ".join(dict.fromkeys(lines)))

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            return context
        shared = self.shared
        lang, key, pages = shared.lang, shared.page_key(page), shared.pages
        views = self.views[lang]
        context["fieldnotes"] = views.chrome(key)
        prefix = shared.site.routes.prefix(lang)
        if prefix:
            # Material's search reads its index from the page's base: point it at /<lang>/.
            context["base_url"] = relative_root(page.url) + prefix
        if key in pages.posts and page.file.generated_by is None:
            context["post"] = views.post(pages.posts[key])
        elif key in pages.missing:
            context["missing"] = views.missing(pages.missing[key])
        elif key in pages.listings:
            context["listing"] = views.listing(pages.listings[key], page.url)
        elif key == "":
            context["listing"] = views.listing(shared.site.home_listing(lang), page.url)
        return context

    # -- outputs ------------------------------------------------------------------------------

    # After Material's search plugin (0) wrote this language's index, before static-i18n (-100)
    # starts the next language and merges the indexes.
    @event_priority(-90)
    def _write_language_outputs(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        shared = self.shared
        lang, routes = shared.lang, shared.site.routes
        site_dir = Path(config.site_dir)
        not_found = site_dir / NOT_FOUND
        if lang == self.languages[0] and not_found.is_file():
            # Every language build writes the site-wide 404.html; keep the default language's.
            self.not_found_page = not_found.read_bytes()
        index = read_language_index(site_dir, lang, routes.prefix(lang))
        if index is not None:
            self.search_indexes[lang] = index
        feed = shared.site.feed(lang)
        (site_dir / routes.feed_rss(lang)).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / routes.feed_rss(lang)).write_text(render_rss(feed), encoding="utf-8")
        (site_dir / routes.feed_json(lang)).write_text(render_json_feed(feed), encoding="utf-8")

    # Last of all: once the outermost build (the default language) is done, every language is.
    @event_priority(-110)
    def _finish_site(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        shared = self.shared
        shared.stack.pop()
        if shared.stack:
            return
        site_dir = Path(config.site_dir)
        for lang, index in self.search_indexes.items():
            write_language_index(site_dir, shared.site.routes.prefix(lang), index)
        write_sitemap(site_dir, shared.site.sitemap())
        if self.not_found_page is not None:
            (site_dir / NOT_FOUND).write_bytes(self.not_found_page)
        if self.staging:
            publish(self.staging, self.site_dir)
            config.site_dir, self.staging = self.site_dir, None

    on_post_build = CombinedEvent(_write_language_outputs, _finish_site)
