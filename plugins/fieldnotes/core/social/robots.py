"""robots.txt: every page may be crawled (pages that should stay out of results say `noindex`), and where the sitemap is."""

from __future__ import annotations

from urllib.parse import urlsplit


def robots_txt(sitemap_url: str) -> str:
    parts = urlsplit(sitemap_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the sitemap URL in robots.txt must be absolute, not {sitemap_url!r}")
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
