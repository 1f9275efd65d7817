"""Adds a Content-Security-Policy <meta> to every page: scripts from the site only, none inline, no eval,
other hosts only where a feature's scripts reach them; and stops the build if a page holds an inline script."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from ..core.csp import inline_scripts, insert_meta, render_policy
from ..core.features import csp_sources


class CspConfig(Config):
    enabled = c.Type(bool, default=True)


class CspPlugin(BasePlugin[CspConfig]):
    def on_config(self, config) -> None:
        if not self.config.enabled:
            return
        self.policy = render_policy(self.directives())

    def directives(self) -> dict[str, list[str]]:
        """The site's own needs, with what the features' scripts reach (each feature's `csp`) added."""
        directives = {
            "default-src": ["'self'"],
            # Only files of the site: the templates write no inline script. Search compiles WebAssembly.
            "script-src": ["'self'", "'wasm-unsafe-eval'"],
            # Material and the embeds set style attributes; styles cannot run script.
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", "blob:"],
            "font-src": ["'self'", "data:"],
            "connect-src": ["'self'"],
            "frame-src": [],  # none unless a feature frames a host
            # Pagefind may search in a worker.
            "worker-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'none'"],
            "form-action": ["'self'"],
        }
        for directive, sources in csp_sources().items():
            directives.setdefault(directive, []).extend(sources)
        return {name: sources for name, sources in directives.items() if sources}

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
