"""The colab plugin: "Open in Colab" and "View on GitHub" links for posts with a `colab:` notebook.

The links go to the post template's badge partial as `colab`; the notebook is checked first, so
a missing or broken notebook fails the build instead of giving readers a dead link.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from ..locale_text import text
from .config import ColabConfig
from .links import Repository, github_repository
from .notebook import notebook_problem


class ColabPlugin(BasePlugin[ColabConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.repository: Repository | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).parent
        try:
            self.repository = github_repository(config.repo_url, self.config.branch)
        except ValueError as error:
            raise PluginError(f"fieldnotes/colab: {error}") from None
        if "fieldnotes/blog" not in config.plugins:
            raise PluginError(
                "fieldnotes/colab needs the fieldnotes/blog plugin: it reads the posts' `colab:` from the blog's collection"
            )

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            return context
        path = self.notebook_of(page, config)
        if path is not None:
            lang = config.theme["language"]
            context["colab"] = {
                "notebook": path,
                "colab_url": self.repository.colab_url(path),
                "github_url": self.repository.github_url(path),
                "open_label": text(lang, "colab_open"),
                "github_label": text(lang, "colab_github"),
            }
        return context

    def notebook_of(self, page: Page, config: MkDocsConfig) -> str | None:
        """The checked notebook path of a post page: its own `colab:`, else its original's."""
        slug = page.file.src_uri.removeprefix("posts/").removesuffix(".md")
        if page.file.src_uri != f"posts/{slug}.md" or "/" in slug:
            return None
        # The blog plugin's collection holds every language's front matter; this plugin sees only the page it renders.
        collection = config.plugins["fieldnotes/blog"].collection
        post = collection.get(config.theme["language"], slug)
        if post is None or post.abs_path != page.file.abs_src_path:
            return None  # a generated page, e.g. the notice for a missing translation
        owner = post
        if not post.meta.colab:
            original = collection.get(collection.default_language, slug)
            if original is None or not original.meta.colab:
                return None
            owner = original
        problem = notebook_problem(self.root, owner.meta.colab)
        if problem:
            raise PluginError(f"{owner.source}:{owner.line_of('colab')}: 'colab': {problem}")
        return owner.meta.colab
