"""Adds a Content-Security-Policy <meta> to every page: scripts from the site only, none inline, no eval,
frames from Hugging Face Spaces only; and stops the build if a page holds an inline script."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ..core.csp import inline_scripts, insert_meta, render_policy


class CspConfig(Config):
    enabled = c.Type(bool, default=True)
    # 3Dmol.js fetches a structure by PDB id from RCSB when a viewer is about to be shown.
    connect_src = c.ListOfItems(c.Type(str), default=["'self'", "https://files.rcsb.org"])
    frame_src = c.ListOfItems(c.Type(str), default=["https://*.hf.space"])


class CspPlugin(BasePlugin[CspConfig]):
    def on_config(self, config) -> None:
        if not self.config.enabled:
            return
        self.policy = render_policy(self.directives())

    def directives(self) -> dict[str, list[str]]:
        return {
            "default-src": ["'self'"],
            # Only files of the site: the templates write no inline script. Search compiles WebAssembly.
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
            "base-uri": ["'none'"],
            "form-action": ["'self'"],
        }

    # Last of all, so the check sees every script that other plugins add to the page.
    @event_priority(-200)
    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if not self.config.enabled:
            return output
        return self.with_policy(output, page.file.src_uri)

    def on_post_template(self, output: str, *, template_name: str, config) -> str:
        if not self.config.enabled or not template_name.endswith(".html"):
            return output
        return self.with_policy(output, template_name)

    def with_policy(self, html: str, name: str) -> str:
        scripts = inline_scripts(html)
        if scripts:
            raise PluginError(
                f"{name}: the page holds inline script, which its Content-Security-Policy blocks "
                f"(serve scripts as files under overrides/assets/): {'; '.join(scripts)}"
            )
        return insert_meta(html, self.policy)
