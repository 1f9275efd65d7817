"""Options of the colab plugin, as written under `plugins: - fieldnotes/colab:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ColabConfig(Config):
    enabled = c.Type(bool, default=True)

    # The branch whose notebooks the links open; the repository comes from `repo_url`.
    branch = c.Type(str, default="main")
