"""The blog plugin: mounts every language's posts into that language's build and generates the listings.

static-i18n runs one full MkDocs build per language and only knows files inside docs_dir, so this
plugin adds the posts after static-i18n has sorted docs/ (priority -110), once per language, and
writes what spans languages (sitemap, robots.txt) at the end of the outermost build.
Each hook hands what MkDocs knows to the core (`SiteBuild`, `PageViews`) and puts the result back.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ...core.asset_policy import folder_problems
from ...core.colab import edit_uri_branch
from ...core.collection import CollectionReader, Post
from ...core.content_policy import HINT, find_violations
from ...core.features import element_hints, page_markup
from ...core.feeds import render_json_feed, render_rss
from ...core.intro import MORE_RE
from ...core.locales import load_locales
from ...core.parity import feature_drift
from ...core.problems import Problem, summary
from ...core.registry import missing_avatars
from ...core.routes import NOT_FOUND, ROBOTS, SITEMAP, Routes
from ...core.site import DOCUMENT, HOME, LISTING, MISSING, POST, SiteBuild, SiteSettings
from ...core.sitemap import write_sitemap
from ...core.social.card_cache import CACHE_FOLDER, prune_cache
from ...core.social.feed_content import feed_html
from ...core.social.fonts import FontError, card_fonts
from ...core.social.robots import robots_txt
from ...core.social.sharing import NOT_FOUND as NOT_FOUND_KIND
from ...core.social.sharing import OTHER, Sharing
from ...core.source_lines import MarkdownSource
from ...core.views import PageViews
from ..shared import SharedBuild, raise_problems, shared_build
from .config import BlogConfig
from .escaping import our_templates
from .link_messages import LinkMessageFilter
from .pages import asset_files, listing_file, missing_translation_file, post_file, post_src_uri
from .staging import discard, publish, staging_dir

log = get_plugin_logger(__name__)
POST_TEMPLATE = "fieldnotes/post.html"
# What the social metadata calls each kind of page.
SOCIAL_KINDS = {POST: POST, LISTING: LISTING, HOME: HOME, MISSING: OTHER, DOCUMENT: OTHER}
# The markup a page may hold: what Markdown and each of our features write.
PAGE_MARKUP = page_markup()


class BlogPlugin(BasePlugin[BlogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.reader: CollectionReader | None = None
        self.shared: SharedBuild | None = None
        self.serving = False
        self.link_messages = LinkMessageFilter()
        # (lang, slug) -> (body digest, the article as feeds carry it); kept across `serve --dirty`
        # rebuilds, which skip rendering unchanged posts.
        self.articles: dict[tuple[str, str], tuple[str, str]] = {}
        self.sharing: Sharing | None = None
        self.cards_used: set[Path] = set()
        self.views: dict[str, PageViews] = {}
        self.not_found_page: bytes | None = None
        self.site_dir: str | None = None  # where a successful `mkdocs build` ends up
        self.staging: str | None = None
        self.translation_drift: list[Problem] = []  # what current translations lose of their original's features

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
        # Named after the engine's own module: ProperDocs serves `mkdocs.*` imports but logs as `properdocs.*`.
        pages_log = logging.getLogger(Page.__module__)
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
            self.sharing = Sharing(
                shared.site, config.repo_url or "", edit_uri_branch(config.edit_uri) or "main", self.assets_dir
            )
            raise_problems(self.sharing.problems, "the posts' images")
            raise_problems(self.published_file_problems(config), "the files the site publishes")
            self.cards_used = set()
        shared.stack.append(lang)
        site = shared.site
        routes = site.routes
        documents = {routes.key_of(lang, file.url) for file in files.documentation_pages()}
        pages = site.add_language(lang, config.site_name, config.site_description or "")
        pages.documents = documents
        self.views[lang] = PageViews(site, self.sharing, lang, shared.root)
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

    def published_file_problems(self, config: MkDocsConfig) -> list[Problem]:
        """Files under posts/assets/ and docs/ that are not inert images or structure files, symlinks among them,
        and avatars that name no file in docs/."""
        root, docs = self.shared.root, Path(config.docs_dir)
        return (
            folder_problems(self.assets_dir, root)
            + folder_problems(docs, root, pages=(".md",))
            + missing_avatars(self.shared.site.collection.authors, docs, self.config.authors_file)
        )

    @property
    def assets_dir(self) -> Path:
        """posts/assets/: figures, structure files and social images, shared by every language."""
        return self.shared.root / self.config.sources[self.languages[0]] / "assets"

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
        # Raised once the pages are built, so a bad option in a translation is reported at its own line first.
        self.translation_drift = feature_drift(collection)
        settings = SiteSettings(
            self.config.listing_page_size, self.config.listing_home_posts, self.serving, self.config.feed_length
        )
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
        if page.file.generated_by is not None:
            return html
        post = shared.pages.posts.get(shared.page_key(page))
        # The excerpt marker has done its work in the Markdown; what readers get is checked whole.
        html = MORE_RE.sub("", html)
        self.enforce_content_policy(html, page, post)
        if post is not None and shared.site.in_feed(post):
            url = shared.site.routes.absolute(page.url)
            self.articles[(post.lang, post.slug)] = (post.digest, feed_html(html, url, shared.locales.table(post.lang)))
        return html

    def enforce_content_policy(self, html: str, page: Page, post: Post | None) -> None:
        violations = find_violations(html, PAGE_MARKUP, element_hints())
        if not violations:
            return
        source = self.markdown_source(page, post)
        problems = [Problem(source.path, source.locate(*violation.needles), violation.message) for violation in violations]
        raise PluginError(summary(list(dict.fromkeys(problems)), f"the HTML of {source.path} ({HINT})"))

    def markdown_source(self, page: Page, post: Post | None) -> MarkdownSource:
        """The Markdown an author edits, to name the line of a problem found in the page's HTML."""
        if post is not None:
            return MarkdownSource(post.source, post.body, post.body_line - 1)
        path = Path(page.file.abs_src_path)
        root = self.reader.root
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        return MarkdownSource.of_text(shown, path.read_text(encoding="utf-8-sig"))

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            return context
        shared = self.shared
        lang, key, pages = shared.lang, shared.page_key(page), shared.pages
        views = self.views[lang]
        context["fieldnotes"] = views.chrome(key)
        kind = pages.kind(key)
        post = pages.posts[key] if kind == POST else None
        if post is not None:
            context["post"] = views.post(post)
        elif kind == MISSING:
            context["missing"] = views.missing(pages.missing[key])
        elif kind == LISTING:
            context["listing"] = views.listing(pages.listings[key])
        elif kind == HOME:
            context["listing"] = views.listing(shared.site.home_listing(lang))
        summary = self.page_summary(page, key, kind)
        cited = shared.cited.get(page.url, ())
        context["social"] = self.sharing.head(lang, key, SOCIAL_KINDS[kind], *summary, post=post, cited=cited)
        return context

    def page_summary(self, page: Page, key: str, kind: str) -> tuple[str, str]:
        """The title and description a page is shared with: a post's own, a listing's, the site's."""
        shared = self.shared
        pages = shared.pages
        if kind == POST:
            post = pages.posts[key]
            return post.meta.title, post.summary
        if kind == MISSING:
            return shared.locales.text(shared.lang, "missing_title"), pages.missing[key].summary
        if kind == LISTING:
            listing = pages.listings[key]
            return listing.title, self.sharing.listing_description(listing, shared.lang)
        description = page.meta.get("description") or pages.site_description or pages.site_name
        return (pages.site_name if kind == HOME else page.title or pages.site_name), str(description)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Our templates escape every value they print; Material's own templates keep its settings."""
        if not self.config.enabled:
            return env
        env.autoescape = our_templates(config.theme.custom_dir)
        return env

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        """The 404 page is rendered from the theme alone, without a page: give it its own title and noindex."""
        if not self.config.enabled or template_name != NOT_FOUND or not self.shared.stack:
            return context
        lang = self.shared.lang
        text = self.shared.text(lang)
        context["social"] = self.sharing.head(lang, "", NOT_FOUND_KIND, text("not_found_title"), text("not_found_description"))
        return context

    # -- outputs ------------------------------------------------------------------------------

    # Before static-i18n (-100) starts the next language's build in the same site folder.
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
        try:
            self.cards_used |= self.sharing.write_cards(lang, site_dir, card_fonts(shared.root / "node_modules"), self.card_cache)
        except FontError as error:
            raise PluginError(f"social cards: {error}") from None
        feed = shared.site.feed(lang, self.articles, self.sharing.feed_image)
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
        raise_problems(self.translation_drift, "the translations that follow their original's current text")
        site_dir = Path(config.site_dir)
        write_sitemap(site_dir, shared.site.sitemap())
        (site_dir / ROBOTS).write_text(robots_txt(shared.site.routes.absolute(SITEMAP)), encoding="utf-8")
        if not self.serving:  # a full build knows every card the site needs
            prune_cache(self.card_cache, self.cards_used)
        if self.not_found_page is not None:
            (site_dir / NOT_FOUND).write_bytes(self.not_found_page)
        if self.staging:
            publish(self.staging, self.site_dir)
            config.site_dir, self.staging = self.site_dir, None

    on_post_build = CombinedEvent(_write_language_outputs, _finish_site)

    @property
    def card_cache(self) -> Path:
        return self.shared.root / CACHE_FOLDER
