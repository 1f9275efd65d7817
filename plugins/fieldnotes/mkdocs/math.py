"""The math plugin: formulas typeset at build time into MathML, with no script for readers.

pymdownx.arithmatex (registered here, generic mode) recognises the formulas in Markdown; this
plugin hands each page's HTML to the core, which numbers, renders and replaces them through one
Node process kept for the whole `mkdocs build` or `mkdocs serve` session. Pages with math link
the stylesheet; the site gets it once.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from ..core.math import ARITHMATEX_CONFIG, MarkdownSource, MathRenderer, RendererUnavailable, has_formulas, typeset_page
from ..core.math.assets import FONT, SITE_FOLDER, STYLESHEET, uses_font, write_assets
from ..core.problems import summary
from .shared import SharedBuild, shared_build

ARITHMATEX = "pymdownx.arithmatex"


class MathConfig(Config):
    enabled = c.Type(bool, default=True)


class MathPlugin(BasePlugin[MathConfig]):
    def __init__(self) -> None:
        self.shared: SharedBuild | None = None
        self.root = Path.cwd()
        self.renderer: MathRenderer | None = None
        self.used = False  # a page of the current build has math

    # Defined so that MkDocs keeps this instance, and the Node process, across `serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        if not self.config.enabled:
            return

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.shared = shared_build(config)
        self.root = self.shared.root
        if self.renderer is None or self.renderer.project_root != self.root:
            self.close()
            self.renderer = MathRenderer(self.root)
        # static-i18n runs on_config again for each language: add the extension once, set its options each time.
        if ARITHMATEX not in config.markdown_extensions:
            config.markdown_extensions.append(ARITHMATEX)
        config.mdx_configs.setdefault(ARITHMATEX, {}).update(ARITHMATEX_CONFIG)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.used = False

    # Before the blog plugin (0) cuts excerpts and checks the content policy: both see the MathML readers get.
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        if not has_formulas(html):
            return html
        try:
            equation_name = self.shared.text(config.theme["language"])("equation")
            result = typeset_page(html, partial(self.markdown_source, page), self.renderer, equation_name)
        except RendererUnavailable as error:
            raise PluginError(f"{self.shown_path(page)}: cannot typeset its mathematics: {error}") from None
        if result.problems:
            raise PluginError(summary(result.problems, f"the mathematics of {self.shown_path(page)}"))
        if page.present_anchor_ids is not None:
            # MkDocs checks links to #eq-... against the ids it saw in the Markdown, before ours existed.
            page.present_anchor_ids.update(result.equation_ids)
        self.used = self.used or result.has_math
        return result.html

    def shown_path(self, page: Page) -> str:
        """The page's Markdown file as an author finds it: relative to mkdocs.yml."""
        if not page.file.abs_src_path:
            return page.file.src_uri
        path = Path(page.file.abs_src_path)
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)

    def markdown_source(self, page: Page) -> MarkdownSource:
        """The Markdown the author edits and where its body starts in the file: read only to report a problem."""
        if not page.file.abs_src_path:
            return MarkdownSource(page.file.src_uri, page.markdown or "")
        text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
        body, _ = get_data(text)
        return MarkdownSource(self.shown_path(page), body, text[: len(text) - len(body)].count("\n"))

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        if 'class="fn-math' not in output:
            return output
        tags = f'<link rel="stylesheet" href="{get_relative_url(SITE_FOLDER + STYLESHEET, page.url)}">\n'
        if uses_font(output):
            # Fetched with the stylesheet instead of when the first prime is laid out: no late reflow.
            font = get_relative_url(SITE_FOLDER + FONT, page.url)
            tags += f'<link rel="preload" href="{font}" as="font" type="font/woff2" crossorigin>\n'
        return output.replace("</head>", tags + "</head>", 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if self.used:
            write_assets(self.renderer.package_dir, Path(config.site_dir) / SITE_FOLDER)

    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        self.close()

    def on_shutdown(self) -> None:
        if not self.config.enabled:
            return
        self.close()

    def close(self) -> None:
        if self.renderer is not None:
            self.renderer.close()
