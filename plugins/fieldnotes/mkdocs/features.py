"""The features plugin: the author syntax of the registry (core/features), wired into MkDocs.

For each feature it registers the fences with superfences and the Markdown extensions, keeps the
feature's session (a Node process, a bibliography) for the whole `mkdocs build` or `serve`, checks
a page's fences before they render (superfences would hide a failure), runs the features' passes
over each page's HTML, links the files of the features a page uses, and writes them into the site.
"""

from __future__ import annotations

from functools import partial
from html import escape
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from ..core.features import FEATURES
from ..core.features.feature import Asset, CitedWork, Feature, Fence, PageContext, Text
from ..core.fences import prose_of
from ..core.node_service import ServiceUnavailable
from ..core.problems import summary
from ..core.source_lines import MarkdownSource
from ..superfences import FenceError, custom_fences, feature_fences, fence_problems
from .shared import SharedBuild, raise_problems, shared_build

SUPERFENCES = "pymdownx.superfences"


class FeaturesConfig(Config):
    enabled = c.Type(bool, default=True)
    # Features to leave out by name (e.g. `mathematics`): their syntax stays plain text.
    disabled = c.ListOfItems(c.Type(str), default=[])


class FenceBuildError(FenceError, PluginError):
    """As a PluginError, bad options found while rendering stop the build with the message and no traceback,
    even in a fence the scan of the page missed."""


class FeaturesPlugin(BasePlugin[FeaturesConfig]):
    def __init__(self) -> None:
        self.shared: SharedBuild | None = None
        self.root = Path.cwd()
        self.sessions: dict[str, object] = {}  # feature name -> its session, kept across `serve` rebuilds
        self.context: PageContext | None = None
        self.used: set[str] = set()  # features whose files the pages of the current build link
        self.features: tuple[Feature, ...] = FEATURES

    # Defined so that MkDocs keeps this instance, and the features' sessions, across `serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        if not self.config.enabled:
            return

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        unknown = set(self.config.disabled) - {feature.name for feature in FEATURES}
        if unknown:
            known = ", ".join(feature.name for feature in FEATURES)
            raise PluginError(
                f"mkdocs.yml: fieldnotes/features 'disabled' names no feature: {', '.join(sorted(unknown))} (known: {known})"
            )
        self.features = tuple(feature for feature in FEATURES if feature.name not in self.config.disabled)
        self.shared = shared_build(config)
        if self.shared.root != self.root:
            self.close()
            self.root = self.shared.root
        self.context = PageContext(
            config.theme["language"], self.shared.text(config.theme["language"]), self._no_source, _no_file, _no_file
        )
        if SUPERFENCES not in config.markdown_extensions:
            config.markdown_extensions.append(SUPERFENCES)
        registered = config.mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
        ours = self.fences
        # static-i18n runs on_config again for each language: replace our entries rather than add them twice.
        registered[:] = [entry for entry in registered if entry.get("name") not in {fence.name for fence in ours}]
        registered += custom_fences(ours, self.context, FenceBuildError)
        config.markdown_extensions[:] = [ext for ext in config.markdown_extensions if not getattr(ext, "fieldnotes", False)]
        for feature in self.features:
            for extension in feature.extensions(self.context) if feature.extensions else []:
                extension.fieldnotes = True  # ours: the next language's on_config replaces it
                config.markdown_extensions.append(extension)

    @property
    def fences(self) -> list[Fence]:
        return [fence for feature in self.features for fence in feature.fences]

    def session(self, feature: Feature) -> object:
        if feature.session and feature.name not in self.sessions:
            self.sessions[feature.name] = feature.session(self.root)
        return self.sessions.get(feature.name)

    # After the blog plugin (-110) has read every post: checks that span the site, once per site build.
    @event_priority(-120)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled or len(self.shared.stack) != 1:
            return files
        posts = [post for by_slug in self.shared.site.collection.posts.values() for post in by_slug.values()]
        prose = {post.source: prose_of(post.body) for post in posts}
        problems = []
        for feature in self.features:
            if feature.site_problems:
                problems += feature.site_problems(self.session(feature), self.shared.locales, prose)
        raise_problems(problems, "the site's sources")
        for feature in self.features:
            if feature.prepare:
                feature.prepare(self.session(feature), [(post.lang, prose[post.source]) for post in posts])
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.used = set()

    # -- pages --------------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return markdown
        context = self.context
        context.lang = config.theme["language"]
        context.languages = tuple(self.shared.site.routes.languages)
        context.text = self.shared.text(context.lang)
        context.source = partial(self.markdown_source, page)
        context.url = partial(structure_url, files=files, page=page)
        context.file = partial(structure_file, files=files)
        context.pending = []
        found = feature_fences(self.fences, markdown)
        if found:
            source = context.source()
            # MkDocs hands over the Markdown without the blank lines around it: count from where it starts.
            skipped = max(source.body.find(markdown[:200]), 0)
            offset = source.lines_before_body + source.body.count("\n", 0, skipped)
            raise_problems(fence_problems(found, context, source.path, offset), f"the blocks of {source.path}")
            used = {fence.name for _, fence in found}
            for feature in self.features:
                if used & {fence.name for fence in feature.fences}:
                    for asset in feature.assets:
                        self.check_installed(asset, source.path)
        return markdown

    def markdown_source(self, page: Page) -> MarkdownSource:
        """The Markdown the author edits and where its body starts in the file: read only to report a problem."""
        if not page.file.abs_src_path:
            return MarkdownSource(page.file.src_uri, page.markdown or "")
        path = Path(page.file.abs_src_path)
        shown = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        return MarkdownSource.of_text(shown, path.read_text(encoding="utf-8-sig"))

    def _no_source(self) -> MarkdownSource:
        return MarkdownSource("", "")

    # Before the blog plugin (0) checks the content policy and keeps the feeds' copy: both see what readers get.
    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        context = self.context
        path = context.source().path if context.pending else ""
        raise_problems(context.located(), f"the blocks of {path}")
        works: tuple[CitedWork, ...] = ()
        for feature in self.features:
            if feature.page_pass is None:
                continue
            try:
                result = feature.page_pass(html, context, self.session(feature))
            except ServiceUnavailable as error:
                raise PluginError(f"{context.source().path}: cannot build its {feature.name}: {error}") from None
            if result.problems:
                raise PluginError(summary(list(result.problems), f"the {feature.name} of {context.source().path}"))
            html = result.html
            if page.present_anchor_ids is not None:
                # MkDocs checks links to the new ids against the ids it saw in the Markdown, before ours existed.
                page.present_anchor_ids.update(result.anchors)
            for anchor, title in result.toc:
                page.toc.items.append(AnchorLink(title, anchor, 2))
            works += result.works
        self.shared.cited[page.url] = works
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        tags: dict[str, str] = {}  # by file: features that share a file link it once
        text = self.shared.text(config.theme["language"])
        for feature in self.features:
            if not feature.used(output):
                continue
            self.used.add(feature.name)
            for asset in feature.assets:
                if asset.link and asset.target not in tags and (asset.when is None or asset.when(output)):
                    tags[asset.target] = link_tag(asset, get_relative_url(asset.target, page.url), text)
        if not tags:
            return output
        return output.replace("</head>", "".join(tags.values()) + "</head>", 1)

    def check_installed(self, asset: Asset, path: str) -> None:
        """A file the page needs from an npm package: missing, the author is told to install it."""
        if asset.missing and isinstance(asset.source, Path) and not (self.root / asset.source).is_file():
            raise PluginError(f"{path} {asset.missing} (in {self.root})")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        written = set()
        for feature in self.features:
            if feature.name not in self.used:
                continue
            for asset in feature.assets:
                if asset.target in written:
                    continue
                written.add(asset.target)
                write_asset(asset, self.root, Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        self.close()

    def on_shutdown(self) -> None:
        if not self.config.enabled:
            return
        self.close()

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()
        self.sessions = {}


def link_tag(asset: Asset, url: str, text: Text) -> str:
    if asset.link == "stylesheet":
        return f'<link rel="stylesheet" href="{url}">\n'
    if asset.link == "script":
        data = "".join(f' data-{name}="{escape(text(key), quote=True)}"' for name, key in asset.data.items())
        return f'<script src="{url}" defer{data}></script>\n'
    return f'<link rel="preload" href="{url}" as="font" type="font/woff2" crossorigin>\n'


def write_asset(asset: Asset, root: Path, site_dir: Path) -> None:
    """Write one file of a feature into the site; a file that is only copied when present may be absent."""
    target = site_dir / asset.target
    if callable(asset.source):
        content = asset.source(root)
    else:
        source = asset.source if asset.source.is_absolute() else root / asset.source
        if not source.is_file():
            return
        content = source.read_bytes()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def structure_url(path: str, *, files: Files, page: Page) -> str | None:
    """URL of posts/<path> relative to the page, or None when the site has no such file."""
    file = files.get_file_from_path(f"posts/{path}")
    return file.url_relative_to(page.file) if file else None


def structure_file(path: str, *, files: Files) -> Path | None:
    """The file behind posts/<path>, or None when the site has no such file."""
    file = files.get_file_from_path(f"posts/{path}")
    return Path(file.abs_src_path) if file and file.abs_src_path else None


def _no_file(path: str) -> None:
    return None
