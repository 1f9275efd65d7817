"""sitemap.xml: every URL once, sorted, with its alternates; the gzip copy is the same bytes every build."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

from fieldnotes.core.sitemap import SitemapEntry, render_sitemap, write_sitemap
from memory_site import SITE_URL, make_site, sample_posts

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ENTRIES = [
    SitemapEntry("https://example.org/b/?q=1&r=2", (("en", "https://example.org/b/?q=1&r=2"),), None),
    SitemapEntry(
        "https://example.org/a/",
        (("en", "https://example.org/a/"), ("ja", "https://example.org/ja/a/"), ("x-default", "https://example.org/a/")),
        "2023-05-24",
    ),
]


def test_urls_are_sorted_escaped_and_carry_their_alternates():
    root = ET.fromstring(render_sitemap(ENTRIES))
    urls = root.findall("s:url", NS)
    assert [url.find("s:loc", NS).text for url in urls] == ["https://example.org/a/", "https://example.org/b/?q=1&r=2"]
    assert urls[0].find("s:lastmod", NS).text == "2023-05-24"
    assert urls[1].find("s:lastmod", NS) is None
    links = urls[0].findall("x:link", NS)
    assert [(link.get("rel"), link.get("hreflang"), link.get("href")) for link in links] == [
        ("alternate", "en", "https://example.org/a/"),
        ("alternate", "ja", "https://example.org/ja/a/"),
        ("alternate", "x-default", "https://example.org/a/"),
    ]


def test_the_sitemap_of_a_site_build_lists_each_language_and_no_notice():
    site = make_site(*sample_posts())
    locs = [url.find("s:loc", NS).text for url in ET.fromstring(render_sitemap(site.sitemap())).findall("s:url", NS)]
    assert locs == sorted(locs) and len(locs) == len(set(locs))
    assert SITE_URL + "ja/posts/gamma/" in locs and SITE_URL + "posts/gamma/" not in locs
    assert {SITE_URL + "posts/", SITE_URL + "ja/posts/", SITE_URL + "ja/translations/"} <= set(locs)


def test_written_sitemaps_are_identical_for_the_same_entries(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        write_sitemap(folder, ENTRIES)
    assert (first / "sitemap.xml.gz").read_bytes() == (second / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress((first / "sitemap.xml.gz").read_bytes()) == (first / "sitemap.xml").read_bytes()
    assert (first / "sitemap.xml").read_text(encoding="utf-8") == render_sitemap(ENTRIES)
