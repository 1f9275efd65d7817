"""The Content-Security-Policy of every page: scripts are the site's own files, and none is inline.

The policy is written from what the site is made of, never read off a finished page: a page holds no
inline script, so `script-src` names no hash and anything injected into a page is refused by the
browser. `inline_scripts` is the build's check that this stays true.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

HEAD_RE = re.compile(r"<head[^>]*>", re.IGNORECASE)
# Script types a browser runs; JSON (structured data, the theme's configuration) is inert.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def render_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def insert_meta(html: str, policy: str) -> str:
    """Put the policy first in <head>, before anything it governs."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return HEAD_RE.sub(lambda match: match.group(0) + meta, html, count=1)


def inline_scripts(html: str) -> list[str]:
    """The start of every inline script a browser would run in `html` (the policy blocks them all)."""
    found = []
    for script in LexborHTMLParser(html, scripting=True).css("script"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if "src" not in script.attributes and kind in EXECUTABLE_TYPES:
            found.append(" ".join(script.text(deep=True).split())[:60])
    return found
