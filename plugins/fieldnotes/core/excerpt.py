"""Cut a card excerpt out of a rendered post and make its links work on another page."""

from __future__ import annotations

import posixpath
import re

from .routes import relative_root

MORE_RE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
FIRST_PARAGRAPH_RE = re.compile(r"<p\b.*?</p>", re.DOTALL)
HEADING_ID_RE = re.compile(r'(<h[1-6][^>]*?)\s+id="[^"]*"')
HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
URL_ATTR_RE = re.compile(r'(?<=\s)(href|src|data-[a-z-]*(?:src|url|file))="([^"]*)"')
ABSOLUTE_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/)", re.IGNORECASE)


def cut_excerpt(content: str) -> str:
    """HTML up to `<!-- more -->`, else the first paragraph; heading ids removed (they would repeat)."""
    marker = MORE_RE.search(content)
    if marker:
        html = content[: marker.start()]
    else:
        first = FIRST_PARAGRAPH_RE.search(content)
        html = first.group(0) if first else ""
    return HEADERLINK_RE.sub("", HEADING_ID_RE.sub(r"\1", html))


def root_relative(html: str, page_url: str) -> str:
    """Rewrite the relative URLs of `html`, written for `page_url`, as paths from the site root."""
    base = posixpath.dirname(page_url.rstrip("/") + "/x")

    def rewrite(match: re.Match) -> str:
        attr, value = match.groups()
        if not value or ABSOLUTE_RE.match(value):
            return match.group(0)
        if value.startswith("#"):
            return f'{attr}="{page_url}{value}"'
        target = posixpath.normpath(posixpath.join(base, value))
        if value.endswith("/") and not target.endswith("/"):
            target += "/"
        return f'{attr}="{target.lstrip("./") if target != "." else ""}"'

    return URL_ATTR_RE.sub(rewrite, html)


def relative_to_page(html: str, page_url: str) -> str:
    """Rewrite site-root paths made by `root_relative` as URLs relative to `page_url`."""
    prefix = relative_root(page_url)

    def rewrite(match: re.Match) -> str:
        attr, value = match.groups()
        if not value or ABSOLUTE_RE.match(value):
            return match.group(0)
        return f'{attr}="{prefix}{value}"' if prefix or value else f'{attr}="./"'

    return URL_ATTR_RE.sub(rewrite, html)
