"""The bilingual blog, built from a small fixture project exactly as `mkdocs build --strict` runs."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fieldnotes.core.collection import body_digest
from fieldnotes.core.search.bundle import read_fragment
from sitebuilder import build, make_project, post

SITE_URL = "https://ml-field-notes.github.io/"
DELTA_BODY = "Delta body.\n\n## Section { #section }\n\nText."
JA_PROSE = "量子化はモデルの重みを少ないビットで表す技術です。" * 70  # 1,680 characters, no spaces

FIXTURE_POSTS = {
    "posts/alpha.md": post(
        "Alpha post",
        "2023-05-24",
        "Alpha intro with a [link to beta](beta.md).\n\n<!-- more -->\n\n## Details { #details }\n\nDetail text.\n\n## Later { #later }\n\nMore.",
        tags=["llm", "quantization"],
        description="Alpha description.",
    ),
    "ja/alpha.md": post(
        "アルファ記事",
        "2023-05-24",
        "アルファの導入です。タンパク質の立体構造にも触れます。\n\n<!-- more -->\n\n## 詳細 { #details }\n\n本文です。\n\n## 後半 { #later }\n\n続き。",
        tags=["quantization", "llm"],
        translators=["editors"],
        source_digest="0123456789ab",
    ),
    "posts/beta.md": post(
        "Beta in English only",
        "2022-01-10",
        "Beta intro, English only.\n\n## Part { #part }\n\nText.",
        authors=["leo", "sam"],
        tags=["ethics"],
        updated=dt.date(2022, 2, 1),
    ),
    "ja/gamma.md": post("ガンマ", "2024-03-03", JA_PROSE, authors=["sam"], tags=["scientific-ml"]),
    "posts/delta.md": post("Delta post", "2021-06-01", DELTA_BODY, tags=["evaluation"]),
    "ja/delta.md": post(
        "デルタ記事",
        "2021-06-01",
        "デルタの本文です。",
        tags=["evaluation"],
        translators=["leo"],
        source_digest=body_digest(DELTA_BODY),
    ),
    "posts/draft.md": post("Draft post", "2023-01-01", "Not ready.", draft=True),
    "posts/future.md": post("Future post", "2099-01-01", "From the future."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("blog"), FIXTURE_POSTS, blog_options={"listing_page_size": 2})
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def test_post_urls_per_language(site):
    assert (site.site / "posts/alpha/index.html").is_file()
    assert (site.site / "ja/posts/alpha/index.html").is_file()
    assert site.html("ja/posts/alpha/").html["lang"] == "ja"
    assert site.html("posts/alpha/").html["lang"] == "en"


def test_drafts_and_future_posts_are_not_built(site):
    assert not (site.site / "posts/draft").exists()
    assert not (site.site / "posts/future").exists()
    assert "Draft post" not in (site.site / "feed.xml").read_text(encoding="utf-8")


def test_home_lists_latest_posts_as_compact_cards(site):
    home = site.html("")
    cards = home.select("article.fn-post-card")
    assert [c.h2.a.get_text(strip=True) for c in cards] == ["ガンマ", "Alpha post", "Beta in English only", "Delta post"]
    alpha = cards[1]
    assert alpha.time["datetime"] == "2023-05-24" and alpha.time.get_text() == "May 24, 2023"
    assert "Hana Mori" in alpha.get_text()
    assert alpha.select_one(".fn-post-card__description").get_text() == "Alpha description."
    assert "Alpha intro" not in alpha.get_text() and "Detail text" not in alpha.get_text()
    assert [a.get_text() for a in alpha.select(".fn-tag")] == ["LLMs", "Quantization"]
    assert "1 min read" in alpha.get_text()
    image = alpha.select_one("img")
    assert image["src"] == "posts/alpha/card-480.png" and (site.site / "posts/alpha/card-480.png").is_file()
    assert (image["width"], image["height"], image["loading"], image["alt"]) == ("480", "252", "lazy", "")


def test_a_card_without_description_shows_the_intro_as_text(site):
    beta = site.html("").select("article.fn-post-card")[2]
    assert beta.select_one(".fn-post-card__description").get_text() == "Beta intro, English only."
    # Gamma has no <!-- more -->: its first paragraph, cut from a long one, as plain text.
    gamma = site.html("").select("article.fn-post-card")[0]
    assert gamma.select_one(".fn-post-card__description").get_text().startswith("量子化はモデルの重み")


def test_japanese_index_marks_english_only_posts(site):
    cards = site.html("ja/posts/").select("article.fn-post-card")
    titles = {c.h2.a.get_text(strip=True): c for c in cards}
    assert "ガンマ" in titles and "アルファ記事" in titles
    page2 = site.html("ja/posts/page/2/").select("article.fn-post-card")
    beta = page2[0]
    assert beta["lang"] == "en"
    assert beta.select_one(".fn-badge").get_text() == "英語版のみ"
    assert beta.h2.a["href"] == "../../../../posts/beta/"


def test_english_index_marks_japanese_only_posts(site):
    gamma = site.html("posts/").select("article.fn-post-card")[0]
    assert gamma["lang"] == "ja"
    assert gamma.select_one(".fn-badge").get_text() == "Only available in Japanese"
    assert gamma.h2.a["href"] == "../ja/posts/gamma/"


def test_pagination(site):
    first, second = site.html("posts/"), site.html("posts/page/2/")
    assert first.select_one("a[rel=next]")["href"] == "page/2/"
    assert second.select_one("a[rel=prev]")["href"] == "../../"
    assert "Page 2 of 2" in second.get_text()
    assert not (site.site / "posts/page/3").exists()


def test_tag_author_and_archive_pages(site):
    tag = site.html("ja/tags/quantization/")
    assert tag.h1.get_text() == "タグ「量子化」の記事"
    assert [card.h2.a.get_text(strip=True) for card in tag.select(".fn-post-card")] == ["アルファ記事"]
    assert tag.select_one(".fn-post-card time").get_text() == "2023年5月24日"
    year = site.html("ja/archive/2023/")
    assert [a.get_text(strip=True) for a in year.select(".fn-compact a")] == ["アルファ記事"]
    author = site.html("authors/leo/")
    assert author.h1.get_text() == "Posts by Leo Park"
    assert "evaluation, bias" in author.select_one(".fn-author-card").get_text()
    assert author.select_one(".fn-author-card img")["src"] == "../../assets/authors/leo.svg"
    archive = site.html("archive/")
    assert [a.get_text() for a in archive.select(".fn-groups a")] == ["2024", "2023", "2022", "2021"]
    year = site.html("ja/archive/2022/")
    assert year.h1.get_text() == "2022年の記事"


def test_post_page_metadata_and_neighbours(site):
    page = site.html("posts/beta/")
    times = page.select(".fn-post__header time")
    assert [t["datetime"] for t in times] == ["2022-01-10", "2022-02-01"]
    assert "Leo Park" in page.select_one(".fn-credits").get_text()
    nxt = page.select_one("a.fn-next")
    assert nxt["href"] == "../alpha/" and "Alpha post" in nxt.get_text()
    ja = site.html("ja/posts/alpha/")
    assert ja.select(".fn-post__header time")[0].get_text() == "2023年5月24日"
    assert "翻訳" in ja.select_one(".fn-credits").get_text() and "編集部" in ja.select_one(".fn-credits").get_text()


def test_japanese_reading_time_counts_characters(site):
    page = site.html("ja/posts/gamma/")
    # 1,680 characters at 500 per minute; counting words would give 1 minute.
    assert "約4分で読めます" in page.select_one(".fn-meta").get_text()


def hreflang(soup):
    return {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}


def test_hreflang_alternates_are_reciprocal(site):
    en, ja = site.html("posts/alpha/"), site.html("ja/posts/alpha/")
    expected = {"en": SITE_URL + "posts/alpha/", "ja": SITE_URL + "ja/posts/alpha/", "x-default": SITE_URL + "posts/alpha/"}
    assert hreflang(en) == expected == hreflang(ja)
    assert en.select_one("link[rel=canonical]")["href"] == SITE_URL + "posts/alpha/"
    assert ja.select_one("link[rel=canonical]")["href"] == SITE_URL + "ja/posts/alpha/"
    assert hreflang(site.html("ja/tags/")) == {
        "en": SITE_URL + "tags/",
        "ja": SITE_URL + "ja/tags/",
        "x-default": SITE_URL + "tags/",
    }


def test_missing_translation_page(site):
    stub = site.html("ja/posts/beta/")
    assert stub.html["lang"] == "ja"
    assert stub.h1.get_text() == "この記事はまだ日本語に翻訳されていません"
    assert stub.select_one(".md-content a[hreflang=en]")["href"] == "../../../posts/beta/"
    assert stub.select_one("meta[name=robots]")["content"] == "noindex"
    assert hreflang(site.html("posts/beta/")) == {"en": SITE_URL + "posts/beta/", "x-default": SITE_URL + "posts/beta/"}
    english_stub = site.html("posts/gamma/")
    assert english_stub.h1.get_text() == "This article is not available in English yet"


def test_language_switcher_targets_the_same_page(site):
    switch = {a["hreflang"]: a["href"] for a in site.html("posts/alpha/").select("a[data-fieldnotes-switch]")}
    assert switch == {"en": "./", "ja": "../../ja/posts/alpha/"}
    switch = {a["hreflang"]: a["href"] for a in site.html("ja/posts/beta/").select("a[data-fieldnotes-switch]")}
    assert switch["en"] == "../../../posts/beta/"
    for page in site.site.rglob("index.html"):
        soup = site.html(page.relative_to(site.site).parent.as_posix() + "/")
        for link in soup.select("a[data-fieldnotes-switch]"):
            target = (page.parent / link["href"]).resolve() / "index.html"
            assert target.is_file(), f"{page}: switcher to {link['href']} leads nowhere"


def test_theme_is_localized(site):
    ja = site.html("ja/posts/alpha/")
    assert ja.select_one("input.md-search__input")["placeholder"] == "検索"


def test_feeds(site):
    ns = {"dc": "http://purl.org/dc/elements/1.1/"}
    rss = ET.fromstring((site.site / "feed.xml").read_bytes())
    items = rss.findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Alpha post", "Beta in English only", "Delta post"]
    alpha = items[0]
    assert alpha.findtext("link") == SITE_URL + "posts/alpha/"
    assert alpha.findtext("pubDate") == "Wed, 24 May 2023 00:00:00 +0000"
    assert alpha.findtext("dc:creator", namespaces=ns) == "Hana Mori"
    assert alpha.findtext("description") == "Alpha description."
    assert [c.text for c in alpha.findall("category")] == ["LLMs", "Quantization"]
    ja = site.json("ja/feed.json")
    assert ja["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["url"] for i in ja["items"]] == [
        SITE_URL + "ja/posts/gamma/",
        SITE_URL + "ja/posts/alpha/",
        SITE_URL + "ja/posts/delta/",
    ]
    assert ja["items"][1]["tags"] == ["量子化", "大規模言語モデル"]
    assert ja["items"][1]["authors"] == [{"name": "森 華"}]
    head = site.html("about/")
    feeds = {l["type"]: l["href"] for l in head.select("link[rel=alternate][type]")}
    assert feeds == {"application/rss+xml": "../feed.xml", "application/feed+json": "../feed.json"}


def test_sitemap_has_alternates_for_every_language(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.fromstring((site.site / "sitemap.xml").read_bytes())
    urls = {u.findtext("s:loc", namespaces=ns): u for u in tree.findall("s:url", ns)}
    alpha = urls[SITE_URL + "ja/posts/alpha/"]
    links = {l.get("hreflang"): l.get("href") for l in alpha.findall("x:link", ns)}
    assert links["en"] == SITE_URL + "posts/alpha/" and links["x-default"] == SITE_URL + "posts/alpha/"
    assert SITE_URL + "ja/posts/beta/" not in urls  # missing-translation pages are not indexed
    assert alpha.findtext("s:lastmod", namespaces=ns) == "2023-05-24"


def test_search_index_per_language(site):
    """One Pagefind bundle per language: its own posts and pages, and the posts it lacks under their own URLs."""
    urls = {
        lang: {read_fragment(path.read_bytes()).url for path in (site.site / "pagefind" / lang / "fragment").iterdir()}
        for lang in ("en", "ja")
    }
    assert urls["en"] == {"/", "/about/", "/posts/alpha/", "/posts/beta/", "/posts/delta/", "/ja/posts/gamma/"}
    assert urls["ja"] == {"/ja/", "/ja/about/", "/ja/posts/alpha/", "/ja/posts/delta/", "/ja/posts/gamma/", "/posts/beta/"}
    assert not (site.site / "search").exists()


def tree_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            digest.update(path.relative_to(folder).as_posix().encode())
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


def test_build_writes_nothing_into_sources(tmp_path):
    root = make_project(tmp_path, {k: v for k, v in FIXTURE_POSTS.items() if "draft" not in k})
    before = tree_digest(root / "posts", root / "ja", root / "docs")
    assert build(root).returncode == 0
    assert tree_digest(root / "posts", root / "ja", root / "docs") == before


def test_outdated_translation_shows_a_banner_linking_the_original(site):
    notice = site.html("ja/posts/alpha/").select_one(".fn-notice")
    assert "原文が更新されています" in notice.get_text()
    assert notice.a["href"] == "../../../posts/alpha/"
    assert site.html("ja/posts/delta/").select_one(".fn-notice") is None
    assert site.html("posts/alpha/").select_one(".fn-notice") is None


def test_translation_status_page(site):
    rows = {}
    for row in site.html("translations/").select("table.fn-status tbody tr"):
        cells = {td["data-lang"]: td["data-state"] for td in row.select("td[data-lang]")}
        rows[row.a.get_text()] = (cells, row["data-state"])
    assert rows["Alpha post"] == ({"en": "original", "ja": "outdated"}, "outdated")
    assert rows["Delta post"] == ({"en": "original", "ja": "up-to-date"}, "ok")
    assert rows["Beta in English only"][0] == {"en": "original", "ja": "missing"}
    assert rows["ガンマ"][0] == {"en": "missing", "ja": "original"}
    ja = site.html("ja/translations/")
    assert "古い" in ja.select_one("td[data-state=outdated]").get_text()


def test_failed_build_leaves_the_previous_site_whole(tmp_path):
    root = make_project(tmp_path, {"posts/beta.md": FIXTURE_POSTS["posts/beta.md"]})
    assert build(root).returncode == 0
    before = tree_digest(root / "site")
    (root / "posts" / "broken.md").write_text("---\ntitle: [\n---\nBody\n", encoding="utf-8")
    assert build(root).returncode != 0
    assert tree_digest(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_builds_are_reproducible(tmp_path):
    root = make_project(tmp_path, {k: v for k, v in FIXTURE_POSTS.items()})
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764000000"}
    assert build(root, "--site-dir", str(tmp_path / "one"), env=env).returncode == 0
    assert build(root, "--site-dir", str(tmp_path / "two"), env=env).returncode == 0
    assert (tmp_path / "one" / "pagefind" / "ja" / "pagefind-entry.json").is_file()  # the search bundle is compared too
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


def test_author_without_posts_in_a_language_says_so(site):
    page = site.html("authors/editors/")
    assert page.h1.get_text() == "Posts by The editors"
    assert "Nothing published in English here yet." in page.get_text()
    assert site.html("ja/authors/editors/").select("article.fn-post-card")


def test_feeds_carry_the_newest_posts_up_to_feed_length(tmp_path):
    root = make_project(tmp_path, FIXTURE_POSTS, blog_options={"feed_length": 2})
    result = build(root)
    assert result.returncode == 0, result.output
    ns = {"content": "http://purl.org/rss/1.0/modules/content/"}
    items = ET.fromstring((result.site / "feed.xml").read_bytes()).findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Alpha post", "Beta in English only"]
    assert all("<p>" in i.findtext("content:encoded", namespaces=ns) for i in items)
    ja = result.json("ja/feed.json")
    assert [i["url"] for i in ja["items"]] == [SITE_URL + "ja/posts/gamma/", SITE_URL + "ja/posts/alpha/"]
    assert all(i["content_html"] for i in ja["items"])
