"""Options of the embeds plugin, as written under `plugins: - fieldnotes/embeds:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class EmbedsConfig(Config):
    enabled = c.Type(bool, default=True)

    # The browser build of 3Dmol.js that `npm ci` installs (pinned in package-lock.json), relative to mkdocs.yml.
    library = c.Type(str, default="node_modules/3dmol/build/3Dmol-min.js")
