"""The colab plugin: "Open in Colab" and "View on GitHub" links for posts with a `colab:` notebook.

The links go to the post template's badge partial as `colab`; the notebook is checked first, so
a missing or broken notebook fails the build instead of giving readers a dead link. A translation
shows its original's notebook unless it names its own, whichever language holds the original.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from ..core.colab import Repository, github_repository
from ..core.notebooks import check_notebook
from .shared import SharedBuild, raise_problems, shared_build


class ColabConfig(Config):
    enabled = c.Type(bool, default=True)

    # The branch whose notebooks the links open; the repository comes from `repo_url`.
    branch = c.Type(str, default="main")


class ColabPlugin(BasePlugin[ColabConfig]):
    def __init__(self) -> None:
        self.shared: SharedBuild | None = None
        self.repository: Repository | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        self.shared = shared_build(config)
        try:
            self.repository = github_repository(config.repo_url, self.config.branch)
        except ValueError as error:
            raise PluginError(f"fieldnotes/colab: {error}") from None
        if "fieldnotes/blog" not in config.plugins:
            raise PluginError("fieldnotes/colab needs the fieldnotes/blog plugin: the posts' `colab:` come from its collection")

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if not self.config.enabled:
            return context
        path = self.notebook_of(page)
        if path is not None:
            text = self.shared.text(self.shared.lang)
            context["colab"] = {
                "notebook": path,
                "colab_url": self.repository.colab_url(path),
                "github_url": self.repository.github_url(path),
                "open_label": text("colab_open"),
                "github_label": text("colab_github"),
            }
        return context

    def notebook_of(self, page: Page) -> str | None:
        """The checked notebook path of a post page: its own `colab:`, else its original's."""
        shared = self.shared
        post = shared.pages.posts.get(shared.page_key(page))
        if post is None or page.file.generated_by is not None:
            return None
        owner = post if post.meta.colab else shared.site.collection.original(post.slug)
        if not owner.meta.colab:
            return None
        raise_problems(check_notebook(shared.root, owner.meta.colab, owner.source, owner.line_of("colab")), "a notebook")
        return owner.meta.colab
