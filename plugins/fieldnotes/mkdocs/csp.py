"""Adds a Content-Security-Policy <meta> to every page: scripts from the site or by hash only,
frames from Hugging Face Spaces only, no eval."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ..core.csp import inline_script_hashes, insert_meta, render_policy


class CspConfig(Config):
    enabled = c.Type(bool, default=True)
    # 3Dmol.js fetches a structure by PDB id from RCSB when a viewer is about to be shown.
    connect_src = c.ListOfItems(c.Type(str), default=["'self'", "https://files.rcsb.org"])
    frame_src = c.ListOfItems(c.Type(str), default=["https://*.hf.space"])


class CspPlugin(BasePlugin[CspConfig]):
    def directives(self) -> dict[str, list[str]]:
        return {
            "default-src": ["'self'"],
            "script-src": ["'self'", "'wasm-unsafe-eval'"],
            # Material and the embeds set style attributes; styles cannot run script.
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", "blob:"],
            "font-src": ["'self'", "data:"],
            "connect-src": list(self.config.connect_src),
            "frame-src": list(self.config.frame_src),
            # Pagefind may search in a worker; 3Dmol.js computes surfaces in blob: workers.
            "worker-src": ["'self'", "blob:"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
        }

    # Last of all, so scripts that other plugins inject are in the page when it is hashed.
    @event_priority(-200)
    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if not self.config.enabled:
            return output
        return self.with_policy(output)

    def on_post_template(self, output: str, *, template_name: str, config) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output
        return self.with_policy(output)

    def with_policy(self, html: str) -> str:
        return insert_meta(html, render_policy(inline_script_hashes(html), self.directives()))
