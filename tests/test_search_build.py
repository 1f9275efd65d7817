"""The search index as `mkdocs build --strict` writes it: what the markup puts in, and a failed
indexing that fails the build and leaves the previous site whole."""

from __future__ import annotations

import json

import pytest

from fieldnotes.core.search.bundle import decode, read_fragment
from sitebuilder import ROOT, build, make_project, post
from test_blog_build import FIXTURE_POSTS, tree_digest


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    result = build(make_project(tmp_path_factory.mktemp("search-build"), FIXTURE_POSTS))
    assert result.returncode == 0, result.output
    return result


def fragments(site, lang: str) -> dict:
    records = [read_fragment(path.read_bytes()) for path in (site.site / "pagefind" / lang / "fragment").iterdir()]
    return {record.url: record for record in records}


def test_a_post_is_indexed_with_its_metadata_and_section_anchors(site):
    alpha = fragments(site, "ja")["/ja/posts/alpha/"]
    assert alpha.meta["title"] == "アルファ~ 記事"  # cut where the browser's segmenter cuts a query
    assert {key: value.replace("~ ", "") for key, value in alpha.meta.items()} == {
        "title": "アルファ記事",
        "date": "2023-05-24",
        "date_text": "2023年5月24日",
        "authors": "森 華",
        "readtime": "約1分で読めます",
        "lang": "ja",
        "image": "https://ml-field-notes.github.io/ja/posts/alpha/card-480.png",  # the card's thumbnail, not an avatar
    }
    assert alpha.anchors == ("details", "later")


def test_only_the_content_is_indexed(site):
    records = [json.loads(decode(path.read_bytes())) for path in (site.site / "pagefind" / "en" / "fragment").iterdir()]
    alpha = next(record for record in records if record["url"] == "/posts/alpha/")
    assert "Alpha intro" in alpha["content"] and "Detail text" in alpha["content"]
    for outside in ("Archive", "Translations", "Published", "Next post", "Previous post", "CC BY 4.0", "Quantization", "¶"):
        assert outside not in alpha["content"], outside
    assert {record["url"] for record in records}.isdisjoint({"/tags/", "/posts/", "/archive/", "/translations/", "/404.html"})


def test_the_header_search_box_and_its_assets_are_on_every_page(site):
    for path in ("", "ja/posts/alpha/", "tags/", "404.html"):
        page = site.html(path)
        box = page.select_one(".md-header [data-fieldnotes-search]")
        assert box is not None, path
        assert box.find_next_sibling("div", class_="md-header__source") is not None
        assert page.select_one("input.md-search__input[role=combobox]")["aria-controls"] == "fn-search-results"
    assert site.html("ja/").select_one("[data-fieldnotes-search]")["data-fieldnotes-search"] == "../pagefind/ja/pagefind.js"
    assert not (site.site / "assets" / "fieldnotes-search-ja.js").exists()


def test_a_failed_indexing_fails_the_build_and_keeps_the_previous_site(tmp_path):
    root = make_project(tmp_path, {"posts/beta.md": post("Beta", "2022-01-10", "Beta body.")})
    assert build(root).returncode == 0
    before = tree_digest(root / "site")
    # Every npm package but Pagefind: the build stops at the first page it hands to the index.
    (root / "node_modules").unlink()
    (root / "node_modules").mkdir()
    for package in (ROOT / "node_modules").iterdir():
        if package.name not in ("pagefind", "@pagefind"):
            (root / "node_modules" / package.name).symlink_to(package)
    result = build(root)
    assert result.returncode != 0
    assert "fieldnotes/search: node_modules/pagefind/lib/index.js is missing: run `npm ci`" in result.output
    assert "Traceback" not in result.output
    assert tree_digest(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_japanese_pages_are_indexed_under_a_tag_pagefind_does_not_segment(site):
    """locales/ja.yml's pagefind_language: our segmenter cuts Japanese, Pagefind's own dictionary stays out."""
    for lang, tag in (("ja", "und-x-ja"), ("en", "en")):
        entry = json.loads((site.site / "pagefind" / lang / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [tag]


def test_with_search_disabled_the_site_builds_without_a_search_box(tmp_path):
    root = make_project(tmp_path, FIXTURE_POSTS)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - fieldnotes/search\n" in text
    config.write_text(
        text.replace("\n  - fieldnotes/search\n", "\n  - fieldnotes/search:\n      enabled: false\n", 1), encoding="utf-8"
    )
    result = build(root)
    assert result.returncode == 0, result.output
    assert not (result.site / "pagefind").exists()
    for path in ("", "ja/posts/alpha/"):
        page = result.html(path)
        assert page.select_one("[data-fieldnotes-search]") is None and page.select_one(".md-search") is None
        assert page.select_one(".md-header__source") is not None
