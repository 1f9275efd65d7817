"""The search plugin: hands every page to the Pagefind index as it is written, has the bundles
written once the whole site is built, and gives the header's search box its interface text.

static-i18n runs the other languages' builds inside the default language's build, so the site
is complete only at the end of the outermost build: the blog plugin keeps the stack of languages
being built in the shared build, and the index is written when the outermost one ends, after every
`mkdocs build` and every `mkdocs serve` rebuild. What to index and how lives in fieldnotes.core.search.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.search.indexer import SearchIndex, SearchIndexError, script_path
from ..core.search.normalize import browser_rules
from .shared import SharedBuild, shared_build

log = get_plugin_logger(__name__)

HIGHLIGHT_PARAM = "highlight"
TEXT_KEYS = (
    "search_prompt",
    "search_loading",
    "search_failed",
    "search_count",
    "search_none",
    "search_results",
    "search_tag",
    "search_all_tags",
)


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.shared: SharedBuild | None = None
        self.root = Path.cwd()
        self.index: SearchIndex | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.shared = shared_build(config)
        self.root = self.shared.root

    def open_index(self) -> SearchIndex:
        """The index of the build under way, opened with its first page (a missing Pagefind is reported
        then, after the pages' own checks)."""
        if self.index is None:
            locales = self.shared.locales
            tags = {lang: str(locales.raw(lang, "pagefind_language")) for lang in locales.languages}
            try:
                self.index = SearchIndex(self.root, locales.languages, tags)
            except SearchIndexError as error:
                raise PluginError(f"fieldnotes/search: {error}") from None
        return self.index

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if not self.config.enabled:
            return env
        lang = config.theme["language"]
        locales = self.shared.locales
        # Unformatted: the browser fills in {count}, choosing the plural form with Intl.PluralRules.
        texts = {key: locales.raw(lang, key) for key in TEXT_KEYS}
        texts["languages"] = {other: locales.language_name(other, lang) for other in locales.languages}
        env.globals["fieldnotes_search"] = {
            "script": script_path(lang),
            "texts": texts,
            "rules": browser_rules(),
            "highlightParam": HIGHLIGHT_PARAM,
        }
        return env

    # Last of all, after the CSP plugin (-200) has finished the page.
    @event_priority(-300)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.config.enabled:
            self.open_index().add_page(page.file.dest_uri, output)
        return output

    # After static-i18n (-100) has run the other languages' builds, before the blog plugin
    # (-110) moves the finished site into place, and takes its language off the stack: a failed
    # index keeps the previous site.
    @event_priority(-105)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or not self.shared.outermost:
            return
        index, self.index = self.open_index(), None
        try:
            summary = index.finish(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(f"fieldnotes/search: {error}") from None
        log.info(f"Search index: {summary.pages} pages, {summary.files} files")

    def on_build_error(self, *, error: Exception) -> None:
        if self.index is not None:
            self.index.abort()
            self.index = None
