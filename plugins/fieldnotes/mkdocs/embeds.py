"""The embeds plugin: ```3dmol viewers and ```space facades, with their loader on the pages that use them.

The fences are rendered by pymdownx.superfences with our formatters; this plugin checks them
first (superfences would hide a failure), adds the loader and stylesheet to pages whose HTML
holds an embed, and copies them into the site, with 3Dmol.js when a page shows a viewer.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import copy_file, get_relative_url
from mkdocs.utils.meta import get_data

from ..superfences import EMBED_KINDS, EmbedContext, FenceError, custom_fences, fence_problems, find_embed_fences
from .shared import SharedBuild, raise_problems, shared_build

ASSETS = Path(__file__).parents[1] / "core" / "embeds" / "assets"  # what readers load: the loader and its styles
SITE_FOLDER = "assets/embeds/"  # loader, stylesheet and 3Dmol.js in the built site
EMBED_RE = re.compile(r'<figure\b[^>]*\sdata-fn-embed="')


class EmbedsConfig(Config):
    enabled = c.Type(bool, default=True)

    # The browser build of 3Dmol.js that `npm ci` installs (pinned in package-lock.json), relative to mkdocs.yml.
    library = c.Type(str, default="node_modules/3dmol/build/3Dmol-min.js")


class FenceBuildError(FenceError, PluginError):
    """As a PluginError, bad options found while rendering stop the build with the message and no traceback,
    even in a fence the scan of the page missed."""


class EmbedsPlugin(BasePlugin[EmbedsConfig]):
    def __init__(self) -> None:
        self.shared: SharedBuild | None = None
        self.context: EmbedContext | None = None
        self.root = Path.cwd()
        self.kinds_used: set[str] = set()  # embed kinds on the pages of the current build

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.shared = shared_build(config)
        self.root = self.shared.root
        self.context = EmbedContext(text=self.shared.text(config.theme["language"]), error=FenceBuildError)
        if "pymdownx.superfences" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.superfences")
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
        # static-i18n runs on_config again for each language: replace our fences rather than add them twice.
        fences[:] = [fence for fence in fences if fence.get("name") not in EMBED_KINDS] + custom_fences(self.context)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.kinds_used = set()

    @property
    def library(self) -> Path:
        return self.root / self.config.library

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        self.context.text = self.shared.text(config.theme["language"])
        self.context.resolve = partial(structure_url, files=files, page=page)
        fences = find_embed_fences(markdown)
        if not fences:
            return markdown
        path, offset = self.source_location(page)
        raise_problems(fence_problems(fences, self.context, path, offset), f"the embeds of {path}")
        kinds = {fence.kind for fence in fences}
        if "3dmol" in kinds and not self.library.is_file():
            raise PluginError(
                f"{path} shows a 3D viewer, but {self.config.library} is missing: "
                f"run `npm ci` in {self.root} to install the 3Dmol.js version pinned in package-lock.json."
            )
        self.kinds_used |= kinds
        return markdown

    def source_location(self, page: Page) -> tuple[str, int]:
        """The file an author edits, relative to mkdocs.yml, and the line just before its Markdown body."""
        if not page.file.abs_src_path:
            return page.file.src_uri, 0
        path = Path(page.file.abs_src_path)
        source = path.read_text(encoding="utf-8-sig")
        body, _ = get_data(source)
        offset = source[: len(source) - len(body)].count("\n")
        try:
            return path.relative_to(self.root).as_posix(), offset
        except ValueError:
            return str(path), offset

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        if not EMBED_RE.search(output):
            return output
        stylesheet = get_relative_url(SITE_FOLDER + "embeds.css", page.url)
        loader = get_relative_url(SITE_FOLDER + "embeds.js", page.url)
        tags = f'<link rel="stylesheet" href="{stylesheet}">\n<script src="{loader}" defer></script>\n'
        return output.replace("</head>", tags + "</head>", 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        if not self.kinds_used:
            return
        target = Path(config.site_dir) / SITE_FOLDER
        for asset in ASSETS.iterdir():
            copy_file(str(asset), str(target / asset.name))
        if "3dmol" in self.kinds_used:
            copy_file(str(self.library), str(target / "3Dmol-min.js"))
            notice = self.library.with_name(self.library.name + ".LICENSE.txt")
            if notice.is_file():
                copy_file(str(notice), str(target / "3Dmol-min.js.LICENSE.txt"))


def structure_url(path: str, *, files: Files, page: Page) -> str | None:
    """URL of posts/<path> relative to the page, or None when the site has no such file."""
    file = files.get_file_from_path(f"posts/{path}")
    return file.url_relative_to(page.file) if file else None
