"""sitemap.xml for every language at once, with xhtml:link alternates (hreflang) per URL."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute url), x-default included
    lastmod: str | None


def render_sitemap(entries: list[SitemapEntry]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in sorted(entries, key=lambda e: e.url):
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(entry.url)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{entry.lastmod}</lastmod>")
        for hreflang, href in entry.alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(href)}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, entries: list[SitemapEntry]) -> None:
    xml = render_sitemap(entries).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(xml)
    buffer = io.BytesIO()
    # mtime=0 keeps the archive byte-identical between builds of the same input.
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=0) as archive:
        archive.write(xml)
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
