"""The generator-free search core (text folding, what is indexed, reading the bundle) and the benchmark's query sets."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fieldnotes.core.search.bundle import BundleError, decode, entry_files, read_fragment
from fieldnotes.core.search.indexer import SearchIndex, SearchIndexError
from fieldnotes.core.search.normalize import browser_rules, normalize_indexed_text, normalize_query
from fieldnotes.core.search.plan import IndexPlanner, page_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from querysets import Article, Query, article_from_html, query_set, recall

# --- folding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, searched",
    [
        ("ＱＬｏＲＡ", "QLoRA"),
        ("ＮＦ４", "NF4"),
        ("ﾀﾝﾊﾟｸ質", "タンパク質"),
        ("コンピューター", "コンピュータ"),
        ("ユーザーの設定", "ユーザの設定"),
        ("サーバー", "サーバ"),
        ("ﾃﾞｰﾀｰ", "データ"),
        ("コピー", "コピー"),  # two letters before the mark: a different word without it
        ("バー", "バー"),
        ("ー", "ー"),
        ("スケーリング則", "スケーリング則"),
        ("membership inference", "membership inference"),
    ],
)
def test_queries_are_folded_as_readers_spell_them(query, searched):
    assert normalize_query(query) == searched


def test_pages_fold_width_variants_and_mark_folded_long_vowels_but_keep_their_punctuation():
    text = "ＱＬｏＲＡ（ﾀﾝﾊﾟｸ質の ＮＦ４）：コンピューター、コピー"
    assert normalize_indexed_text(text) == "QLoRA（タンパク質の NF4）：コンピュータ^、コピー"


def test_a_folded_page_matches_the_folded_query():
    # Search matches a query word as the beginning of an indexed word.
    for written, typed in [
        ("ＱＬｏＲＡ", "qlora"),
        ("QLoRA", "ＱＬｏＲＡ"),
        ("コンピュータ", "コンピューター"),
        ("コンピューター", "コンピュータ"),
    ]:
        indexed = normalize_indexed_text(written).removesuffix(browser_rules()["longVowelMark"])  # a mark is no word
        assert indexed.lower() == normalize_query(typed).lower()


def test_the_segmenter_names_no_language():
    """ICU cuts Japanese and Chinese alike in every locale: the pages and the queries of any language use one."""
    assert browser_rules()["segmenterLocale"] == "und"
    assert browser_rules()["segmentMark"] == "~"


def test_the_browser_gets_the_same_patterns(tmp_path):
    rules = browser_rules()
    script = tmp_path / "rules.mjs"
    script.write_text(
        f"const rules = {json.dumps(rules)};\n"
        "const fold = (q) => q.normalize('NFKC').replace(new RegExp(rules.longVowelEnding, 'gu'), '');\n"
        "const page = (t) => t.replace(new RegExp(rules.widthVariants, 'gu'), (run) => run.normalize('NFKC'))\n"
        "  .replace(new RegExp(rules.longVowelEnding, 'gu'), rules.longVowelMark);\n"
        "console.log(JSON.stringify([fold('ﾃﾞｰﾀｰとコピー'), page('ＱＬｏＲＡ（ﾀﾝﾊﾟｸ）のデーター')]));\n",
        encoding="utf-8",
    )
    output = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True).stdout
    assert json.loads(output) == [normalize_query("ﾃﾞｰﾀｰとコピー"), normalize_indexed_text("ＱＬｏＲＡ（ﾀﾝﾊﾟｸ）のデーター")]


# --- what is indexed ----------------------------------------------------------------------------


def page(lang: str, *, body: bool = True, noindex: bool = False, alternates: tuple[str, ...] = ()) -> str:
    head = '<meta name="robots" content="noindex">' if noindex else ""
    head += "".join(f'<link rel="alternate" hreflang="{code}" href="https://example.org/">' for code in alternates)
    content = "<article data-pagefind-body><h1>T</h1></article>" if body else "<h1>Listing</h1>"
    return f'<!doctype html><html lang="{lang}"><head>{head}</head><body><nav>menu</nav>{content}</body></html>'


def plan(pages: dict[str, str], languages=("en", "ja")) -> list[tuple[str, str, str, str]]:
    """(file, url, index language, page language) of each entry, as a build hands the pages over."""
    planner = IndexPlanner(list(languages))
    entries = [planner.add(file, html) for file, html in pages.items()]
    entries = [entry for entry in entries if entry is not None] + planner.foreign_entries()
    return [(entry.file, entry.url, entry.lang, entry.original_lang) for entry in entries]


def test_plan_indexes_marked_pages_by_language_and_foreign_only_posts_in_the_other_language():
    pages = {
        "index.html": page("en", alternates=("en", "ja", "x-default")),
        "ja/index.html": page("ja", alternates=("en", "ja", "x-default")),
        "posts/both/index.html": page("en", alternates=("en", "ja", "x-default")),
        "ja/posts/both/index.html": page("ja", alternates=("en", "ja", "x-default")),
        "posts/english-only/index.html": page("en", alternates=("en", "x-default")),
        "ja/posts/english-only/index.html": page("ja", body=False, noindex=True),
        "ja/posts/japanese-only/index.html": page("ja", alternates=("ja", "x-default")),
        "tags/index.html": page("en", body=False, alternates=("en", "ja", "x-default")),
        "404.html": page("en", body=False),
    }
    assert plan(pages) == [
        ("index.html", "/", "en", "en"),
        ("ja/index.html", "/ja/", "ja", "ja"),
        ("posts/both/index.html", "/posts/both/", "en", "en"),
        ("ja/posts/both/index.html", "/ja/posts/both/", "ja", "ja"),
        ("posts/english-only/index.html", "/posts/english-only/", "en", "en"),
        ("ja/posts/japanese-only/index.html", "/ja/posts/japanese-only/", "ja", "ja"),
        # last, once every page has given its labels: each post in the index of the language that lacks it
        ("ja/posts/japanese-only/index.html", "/ja/posts/japanese-only/", "en", "ja"),
        ("posts/english-only/index.html", "/posts/english-only/", "ja", "en"),
    ]


def test_a_post_shown_in_another_language_takes_its_filter_labels():
    def post(lang: str, tag: str, author: str, alternates: tuple[str, ...]) -> str:
        links = (
            f'<a class="fn-tag" href="../../tags/quantization/" data-pagefind-filter="tag">{tag}</a>'
            f'<a href="../../authors/hana/" data-pagefind-filter="author">{author}</a>'
            '<a href="../../tags/unlabelled/" data-pagefind-filter="tag">Unlabelled</a>'
        )
        return page(lang, alternates=alternates).replace("<h1>T</h1>", f"<h1>T</h1>{links}")

    planner = IndexPlanner(["en", "ja"])
    # The English-only post comes before the Japanese page that gives the labels.
    own = [
        planner.add("posts/english-only/index.html", post("en", "Quantization", "Hana Mori", ("en",))),
        planner.add("posts/both/index.html", post("en", "Quantization", "Hana Mori", ("en", "ja"))),
        planner.add("ja/posts/both/index.html", post("ja", "量子化", "森 華", ("en", "ja"))),
    ]
    [foreign] = planner.foreign_entries()
    assert foreign.url == "/posts/english-only/"
    assert 'data-pagefind-filter="tag">量子化</a>' in foreign.content
    assert 'data-pagefind-filter="author">森 華</a>' in foreign.content
    assert 'data-pagefind-filter="tag">Unlabelled</a>' in foreign.content  # no Japanese label to take
    assert all("量子化" not in entry.content for entry in own if entry.lang == "en")


def test_a_marked_page_that_asks_not_to_be_indexed_is_left_out():
    assert plan({"a/index.html": page("en", noindex=True), "b/index.html": page("en")}) == [("b/index.html", "/b/", "en", "en")]


@pytest.mark.parametrize(
    "file, url",
    [("index.html", "/"), ("posts/a/index.html", "/posts/a/"), ("ja/index.html", "/ja/"), ("about.html", "/about.html")],
)
def test_page_urls_are_served_paths_from_the_site_root(file, url):
    assert page_url(file) == url


def test_pages_handed_over_and_pages_only_on_disk_are_both_indexed(tmp_path):
    """A `--dirty` rebuild hands over only the pages it rewrote; the others are read from the site folder."""
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "b" / "index.html").write_text(page("en").replace("<h1>T</h1>", "<h1>Bravo on disk</h1>"), encoding="utf-8")
    index = SearchIndex(ROOT, ["en"])
    index.add_page("a/index.html", page("en").replace("<h1>T</h1>", "<h1>Alpha handed over</h1>"))
    summary = index.finish(site)
    assert summary.pages == 2
    records = [read_fragment(path.read_bytes()) for path in (site / "pagefind" / "en" / "fragment").iterdir()]
    assert sorted((record.url, record.meta["title"]) for record in records) == [
        ("/a/", "Alpha handed over"),
        ("/b/", "Bravo on disk"),
    ]


def test_indexing_without_pagefind_installed_says_what_to_do(tmp_path):
    with pytest.raises(
        SearchIndexError, match=r"^node_modules/pagefind/lib/index.js is missing: run `npm ci` to install the pinned Pagefind$"
    ):
        SearchIndex(tmp_path, ["en"])


# --- the bundle -----------------------------------------------------------------------------------


def pagefind_file(content: bytes) -> bytes:
    return gzip.compress(b"pagefind_dcd" + content, mtime=0)


def test_a_fragment_gives_its_url_and_anchor_ids():
    record = {
        "url": "/posts/alpha/",
        "content": "Alpha.",
        "word_count": 1,
        "filters": {},
        "meta": {"title": "Alpha"},
        "anchors": [
            {"element": "h2", "id": "details", "text": "Details", "location": 3},
            {"element": "h2", "id": "later", "text": "", "location": 9},
        ],
    }
    fragment = read_fragment(pagefind_file(json.dumps(record).encode()))
    assert (fragment.url, fragment.anchors, fragment.meta) == ("/posts/alpha/", ("details", "later"), {"title": "Alpha"})


@pytest.mark.parametrize(
    "data, message",
    [
        (b'{"url": "/"}', "not gzip-compressed"),
        (gzip.compress(b'{"url": "/"}', mtime=0), "no Pagefind signature"),
        (pagefind_file(b"{not json"), "not a JSON record"),
        (pagefind_file(b'{"content": "no url"}'), "the record has no url"),
    ],
    ids=["plain", "unsigned", "not-json", "no-url"],  # ids from the bytes would change with gzip's clock
)
def test_unreadable_fragments_say_why(data, message):
    with pytest.raises(BundleError, match=message):
        read_fragment(data)


def test_the_entry_names_each_languages_metadata_and_webassembly():
    entry = {
        "version": "1.6.0",
        "languages": {"ja": {"hash": "ja_1", "wasm": None, "page_count": 2}, "en": {"hash": "en_2", "wasm": "en"}},
    }
    assert entry_files(json.dumps(entry).encode()) == [
        ("languages.en.hash", "pagefind.en_2.pf_meta"),
        ("languages.en.wasm", "wasm.en.pagefind"),
        ("languages.ja.hash", "pagefind.ja_1.pf_meta"),
        ("languages.ja.wasm", "wasm.unknown.pagefind"),
    ]
    assert decode(pagefind_file(b"x")) == b"x"
    with pytest.raises(BundleError, match="not a Pagefind entry file"):
        entry_files(b'{"languages": ["en"]}')


# --- query sets -------------------------------------------------------------------------------------


def test_query_sets_hold_titles_and_words_found_in_one_article_only():
    articles = [
        Article("ja/posts/a/", "ja", "タンパク質の話", "タンパク質 と スケーリング則 を QLoRA で 量子化 する。コンピューター。"),
        Article("ja/posts/b/", "ja", "別の話", "量子化 と NF4 と コンピューター と タンパク。"),
        Article("posts/a/", "en", "Alpha", "Quantization and membership inference."),
        Article("posts/b/", "en", "Beta", "quantization only."),
    ]
    japanese = {(query.kind, query.text): query.url for query in query_set(articles, "ja")}
    assert japanese[("title", "タンパク質の話")] == "ja/posts/a/"
    assert japanese[("mixed", "スケーリング則")] == "ja/posts/a/"
    assert japanese[("ascii", "QLoRA")] == "ja/posts/a/"
    assert japanese[("ascii", "NF4")] == "ja/posts/b/"
    assert ("kanji", "量子化") not in japanese  # in both articles
    assert ("katakana", "タンパク") not in japanese  # a part of タンパク質 in the other article
    assert ("katakana", "コンピューター") not in japanese
    english = {(query.kind, query.text) for query in query_set(articles, "en")}
    assert ("word", "membership") in english and ("word", "quantization") not in english


def test_recall_counts_queries_whose_article_is_in_the_first_results():
    hit, miss = Query("a", "word", "en", "posts/a/"), Query("b", "word", "en", "posts/b/")
    found = {hit: ["posts/x/", "posts/a/"], miss: ["posts/a/"] * 5 + ["posts/b/"]}
    assert recall(found, depth=5) == 0.5
    assert recall({}, depth=5) == 0.0


def test_an_article_is_read_from_the_indexed_part_of_a_post_page():
    html = (
        '<html lang="ja"><body><nav>メニュー</nav><article data-pagefind-body><h1>題名<a class="headerlink" href="#t">¶</a></h1>'
        "<ul data-pagefind-ignore><li>2023年</li></ul><p>本文です。</p></article><footer>フッター</footer></body></html>"
    )
    article = article_from_html(html.encode(), "ja/posts/x/")
    assert (article.lang, article.title) == ("ja", "題名")
    assert re.sub(r"\s+", "", article.text) == "題名本文です。"
    assert article_from_html(b"<html><body><h1>Listing</h1></body></html>", "tags/") is None
