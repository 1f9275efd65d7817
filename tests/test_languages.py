"""Any number of languages, and the original in any of them.

A fixture site in English, Japanese and Chinese (locales/zh.yml and zh labels supplied by the
fixture, as a translator adding a language would) is built with --strict, and every page type,
the switcher, hreflang, feeds and the sitemap are checked in all three. Then the original of a
post is put in Japanese: its notebook, banners, status and parity must follow it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import yaml

from fieldnotes.core.collection import body_digest
from fieldnotes.core.search.bundle import read_fragment
from sitebuilder import build, make_project, post

FIXTURE = Path(__file__).parent / "fixtures" / "three-languages"
SITE_URL = "https://ml-field-notes.github.io/"
LANGUAGES = {"en": "", "ja": "ja/", "zh": "zh/"}
ALPHA_BODY = "Alpha intro.\n\n<!-- more -->\n\n## Details { #details }\n\nDetail text."
GAMMA_BODY = "ガンマの導入です。\n\n## 詳細 { #details }\n\n本文です。"

POSTS = {
    "posts/alpha.md": post("Alpha post", "2023-05-24", ALPHA_BODY, tags=["llm", "quantization"], description="Alpha."),
    "ja/alpha.md": post(
        "アルファ記事",
        "2023-05-24",
        "アルファの導入です。\n\n<!-- more -->\n\n## 詳細 { #details }\n\n本文です。",
        tags=["llm", "quantization"],
        translators=["editors"],
        source_digest=body_digest(ALPHA_BODY),
    ),
    "zh/alpha.md": post(
        "阿尔法文章",
        "2023-05-24",
        "阿尔法的导言。\n\n<!-- more -->\n\n## 细节 { #details }\n\n正文。",
        tags=["llm", "quantization"],
        translators=["editors"],
        source_digest=body_digest(ALPHA_BODY),
    ),
    "posts/beta.md": post("Beta in English only", "2022-01-10", "Beta text.\n\n## Part { #part }\n\nMore.", tags=["ethics"]),
    "ja/gamma.md": post("ガンマ（日本語が原文）", "2024-03-03", GAMMA_BODY, authors=["leo"], tags=["llm"]),
    "zh/gamma.md": post(
        "伽马（译自日语）",
        "2024-03-03",
        "伽马的导言。\n\n## 细节 { #details }\n\n正文。",
        authors=["leo"],
        tags=["llm"],
        translators=["editors"],
        source_digest=body_digest(GAMMA_BODY),
    ),
    "zh/delta.md": post("德尔塔（仅中文）", "2021-06-01", "只有中文。\n\n## 部分 { #part }\n\n正文。", tags=["ethics"]),
}
VERSIONS = {"alpha": {"en", "ja", "zh"}, "beta": {"en"}, "gamma": {"ja", "zh"}, "delta": {"zh"}}
ORIGINALS = {"alpha": "en", "beta": "en", "gamma": "ja", "delta": "zh"}


def three_language_project(root: Path, posts: dict[str, str], *, with_fixture_labels: bool = True) -> Path:
    """The real project with Chinese added: static-i18n's language, the blog's folder, the interface text."""
    make_project(root, posts)
    for path in FIXTURE.rglob("*"):
        if path.is_file() and (with_fixture_labels or path.name not in ("tags.yml", "authors.yml")):
            target = root / path.relative_to(FIXTURE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    config_path = root / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["languages"].append({"locale": "zh", "name": "中文", "build": True, "site_name": "ML Field Notes"})
        if isinstance(plugin, dict) and "fieldnotes/blog" in plugin:
            plugin["fieldnotes/blog"]["sources"]["zh"] = "zh"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "zh").mkdir(exist_ok=True)
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    result = build(three_language_project(tmp_path_factory.mktemp("three"), POSTS))
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type_exists_in_every_language(site, lang):
    prefix = LANGUAGES[lang]
    for page in (
        "",
        "posts/",
        "tags/",
        "tags/llm/",
        "authors/",
        "authors/hana/",
        "archive/",
        "archive/2023/",
        "translations/",
        "about/",
    ):
        soup = site.html(prefix + page)
        assert soup.html["lang"] == lang, prefix + page
    for slug, versions in VERSIONS.items():
        soup = site.html(f"{prefix}posts/{slug}/")
        robots = soup.select_one('meta[name="robots"]')
        if lang in versions:
            assert robots is None, (lang, slug)
        else:
            assert robots["content"] == "noindex", (lang, slug)
            original = LANGUAGES[ORIGINALS[slug]]
            assert soup.select_one(f'.md-content a[href$="{original}posts/{slug}/"]') is not None


def test_interface_text_and_dates_follow_each_language(site):
    assert site.html("posts/").select_one(".md-content h1").get_text() == "Posts"
    assert site.html("ja/posts/").select_one(".md-content h1").get_text() == "記事一覧"
    assert site.html("zh/posts/").select_one(".md-content h1").get_text() == "文章"
    assert site.html("posts/alpha/").select_one("time").get_text() == "May 24, 2023"
    assert site.html("ja/posts/alpha/").select_one("time").get_text() == "2023年5月24日"
    assert site.html("zh/posts/alpha/").select_one("time").get_text() == "2023年5月24日"
    assert site.html("zh/tags/").select_one('.fn-groups a[href$="llm/"]').get_text() == "大语言模型"
    # A post missing in the reader's language is listed in its original language, marked in the reader's.
    cards = site.html("zh/posts/").select(".fn-post-card")
    marks = {card.h2.a.get_text(): card.select_one(".fn-badge") for card in cards}
    assert marks["Beta in English only"].get_text() == "仅有英语版"
    assert marks["阿尔法文章"] is None
    assert site.html("posts/gamma/").select_one(".md-content h1").get_text() == "This article is not available in English yet"
    assert site.html("zh/posts/beta/").select_one(".md-content h1").get_text() == "本文尚未翻译成中文"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_offers_every_language_and_keeps_the_page(site, lang):
    prefix = LANGUAGES[lang]
    for page in ("", "posts/alpha/", "posts/gamma/", "tags/llm/", "about/"):
        links = site.html(prefix + page).select("a[data-fieldnotes-switch]")
        assert [link["hreflang"] for link in links] == list(LANGUAGES)
        assert [link.get_text() for link in links] == ["English", "日本語", "中文"]
        for link in links:
            target = (site.site / (prefix + page)).joinpath(link["href"]).resolve()
            assert (target / "index.html").is_file(), (lang, page, link["href"])
            assert target == (site.site / (LANGUAGES[link["hreflang"]] + page)).resolve()


@pytest.mark.parametrize("slug", VERSIONS)
def test_hreflang_lists_each_version_once_with_x_default(site, slug):
    versions = [lang for lang in LANGUAGES if lang in VERSIONS[slug]]
    expected = [(lang, f"{SITE_URL}{LANGUAGES[lang]}posts/{slug}/") for lang in versions]
    expected.append(("x-default", f"{SITE_URL}{LANGUAGES[versions[0]]}posts/{slug}/"))
    for lang in versions:
        links = site.html(f"{LANGUAGES[lang]}posts/{slug}/").select('link[rel="alternate"][hreflang]')
        assert [(link["hreflang"], link["href"]) for link in links] == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_feeds(site, lang):
    prefix = LANGUAGES[lang]
    own = sorted(f"{SITE_URL}{prefix}posts/{slug}/" for slug, versions in VERSIONS.items() if lang in versions)
    rss = feedparser.parse((site.site / prefix / "feed.xml").read_bytes())
    assert not rss.bozo, rss.get("bozo_exception")
    assert rss.feed.language == lang
    assert sorted(entry.link for entry in rss.entries) == own
    json_feed = site.json(prefix + "feed.json")
    assert json_feed["language"] == lang
    assert sorted(item["url"] for item in json_feed["items"]) == own


def test_sitemap_lists_every_version_with_its_alternates(site):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site.site / "sitemap.xml")
    entries = {
        url.findtext("s:loc", namespaces=namespaces): [link.get("hreflang") for link in url.findall("x:link", namespaces)]
        for url in tree.getroot()
    }
    for slug, versions in VERSIONS.items():
        for lang, prefix in LANGUAGES.items():
            url = f"{SITE_URL}{prefix}posts/{slug}/"
            if lang in versions:
                assert entries[url] == [other for other in LANGUAGES if other in versions] + ["x-default"]
            else:
                assert url not in entries  # the notice of a missing translation is not a page to index
    for lang, prefix in LANGUAGES.items():
        assert entries[f"{SITE_URL}{prefix}about/"] == [*LANGUAGES, "x-default"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(site, lang):
    """Its own posts and site pages; a post no version of which is in the language, in its original, marked."""
    fragments = [read_fragment(path.read_bytes()) for path in (site.site / "pagefind" / lang / "fragment").iterdir()]
    found = {fragment.url: fragment.meta.get("lang") for fragment in fragments}
    for slug, versions in VERSIONS.items():
        shown = lang if lang in versions else ORIGINALS[slug]
        assert found.get(f"/{LANGUAGES[shown]}posts/{slug}/") == shown, (lang, slug)
    assert f"/{LANGUAGES[lang]}about/" in found
    assert not any(url.endswith(("/tags/", "/posts/", "/translations/")) for url in found)


def test_status_page_has_a_column_per_language(site):
    rows = {
        row.select_one("td a").get_text(): [cell["data-state"] for cell in row.select("td[data-state]")]
        for row in site.html("zh/translations/").select("tbody tr")
    }
    assert rows["阿尔法文章"] == ["original", "up-to-date", "up-to-date"]
    assert rows["伽马（译自日语）"] == ["missing", "original", "up-to-date"]
    assert rows["德尔塔（仅中文）"] == ["missing", "missing", "original"]


def test_labels_and_interface_text_fall_back_to_the_default_language_with_warnings(tmp_path):
    root = three_language_project(tmp_path, POSTS, with_fixture_labels=False)
    zh = root / "locales/zh.yml"
    zh.write_text(zh.read_text(encoding="utf-8").replace("latest_posts: 最新文章\n", ""), encoding="utf-8")
    strict = build(root)
    assert strict.returncode == 1
    assert "locales/zh.yml: no text for 'latest_posts'; using the en one" in strict.output
    assert "tags.yml:" in strict.output and "tag 'llm': the label has no 'zh' text; using the 'en' one" in strict.output
    assert "authors.yml:" in strict.output and "the name has no 'zh' text" in strict.output
    assert "Traceback" not in strict.output

    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    assert process.returncode == 0, process.stderr
    home = (root / "site/zh/index.html").read_text(encoding="utf-8")
    assert "Latest posts" in home
    tags = (root / "site/zh/tags/index.html").read_text(encoding="utf-8")
    assert ">LLMs</a>" in tags  # the label of the default language


# -- the original in Japanese ---------------------------------------------------------------------

NOTEBOOK = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
JA_ORIGINAL = "日本語の原文です。\n\n## 節 { #part }\n\n```3dmol\npdb: 1L2Y\ncaption: トリプトファンケージ\n```\n\n本文。"
EN_TRANSLATION = "The English translation.\n\n## Part { #part }\n\n```3dmol\npdb: 1L2Y\ncaption: Trp-cage\n```\n\nText."
EN_ORIGINAL = "English original.\n\n## Part { #part }\n\nText."


def reversed_posts(**changes: str) -> dict[str, str]:
    files = {
        "ja/kappa.md": post("カッパ", "2023-02-02", JA_ORIGINAL, colab="notebooks/kappa.ipynb"),
        "posts/kappa.md": post(
            "Kappa", "2023-02-02", EN_TRANSLATION, translators=["editors"], source_digest=body_digest(JA_ORIGINAL)
        ),
        "posts/lambda.md": post("Lambda", "2023-03-03", EN_ORIGINAL),
        "ja/lambda.md": post(
            "ラムダ", "2023-03-03", "英語の原文です。\n\n## 節 { #part }\n\n本文。", source_digest=body_digest(EN_ORIGINAL)
        ),
        "notebooks/kappa.ipynb": NOTEBOOK,
    }
    files.update(changes)
    return files


@pytest.fixture(scope="module")
def reversed_site(tmp_path_factory):
    result = build(make_project(tmp_path_factory.mktemp("reversed"), reversed_posts()))
    assert result.returncode == 0, result.output
    return result


def test_a_japanese_original_keeps_its_notebook_in_english(reversed_site):
    for page in ("posts/kappa/", "ja/posts/kappa/"):
        link = reversed_site.html(page).select_one(".fn-colab a")
        assert link is not None, page
        assert link["href"].endswith("/blob/main/notebooks/kappa.ipynb")


def test_embeds_render_in_the_original_and_the_translation(reversed_site):
    assert reversed_site.html("ja/posts/kappa/").select_one("figure.fn-mol figcaption").get_text() == "トリプトファンケージ"
    assert reversed_site.html("posts/kappa/").select_one("figure.fn-mol figcaption").get_text() == "Trp-cage"


def test_outdated_banners_point_at_the_original_in_either_direction(tmp_path):
    files = reversed_posts(
        **{
            "ja/kappa.md": post("カッパ", "2023-02-02", JA_ORIGINAL + "\n\n追記。", colab="notebooks/kappa.ipynb"),
            "posts/lambda.md": post("Lambda", "2023-03-03", EN_ORIGINAL + "\n\nAddendum."),
        }
    )
    result = build(make_project(tmp_path, files))
    assert result.returncode == 0, result.output
    english = result.html("posts/kappa/").select_one(".fn-notice a")
    assert english["href"].endswith("ja/posts/kappa/") and english["hreflang"] == "ja"
    japanese = result.html("ja/posts/lambda/").select_one(".fn-notice a")
    assert japanese["hreflang"] == "en" and japanese["href"].rstrip("/").endswith("posts/lambda")
    assert result.html("ja/posts/kappa/").select_one(".fn-notice") is None
    states = {
        row.select_one("td a").get_text(): [cell["data-state"] for cell in row.select("td[data-state]")]
        for row in result.html("translations/").select("tbody tr")
    }
    assert states == {"Lambda": ["original", "outdated"], "Kappa": ["outdated", "original"]}


def test_parity_compares_a_translation_with_its_japanese_original(tmp_path):
    files = reversed_posts(**{"posts/kappa.md": reversed_posts()["posts/kappa.md"].replace("{ #part }", "{ #section }")})
    root = make_project(tmp_path, files)
    result = subprocess.run(
        [sys.executable, "-m", "fieldnotes.cli", "parity"], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "posts/kappa.md:" in result.stdout and "section anchors differ from ja/kappa.md" in result.stdout


def test_status_command_reads_a_japanese_original(tmp_path):
    root = make_project(tmp_path, reversed_posts())
    result = subprocess.run(
        [sys.executable, "-m", "fieldnotes.cli", "status"], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    kappa = next(line for line in result.stdout.splitlines() if line.startswith("kappa"))
    assert kappa.split()[1:3] == ["up", "to"] and "original" in kappa


PARITY_BIB = """@article{kaplan2020,
  author = {Kaplan, Jared},
  title = {Scaling Laws for Neural Language Models},
  journal = {arXiv},
  year = {2020},
  eprint = {2001.08361},
}
@article{hoffmann2022,
  author = {Hoffmann, Jordan},
  title = {Training Compute-Optimal Large Language Models},
  journal = {arXiv},
  year = {2022},
  eprint = {2203.15556},
}
@article{chen1995,
  author = {Chen, Tianping and Chen, Hong},
  title = {Universal Approximation to Nonlinear Operators},
  journal = {IEEE Transactions on Neural Networks},
  year = {1995},
  doi = {10.1109/72.392253},
}
"""
CITING_BODY = "Loss falls as a power law [@kaplan2020].\n\n## Budget { #budget }\n\nScale both [@hoffmann2022]."


@pytest.mark.parametrize("current", [True, False], ids=["up-to-date", "outdated"])
def test_the_build_stops_a_current_translation_that_cites_other_works(tmp_path, current):
    """A translation that says it follows the original's text must cite the same works; an outdated one
    is only marked outdated, since its original may have changed what it cites."""
    translated = "損失はべき乗則で下がります [@kaplan2020]。\n\n## 予算 { #budget }\n\n両方を増やします [@chen1995]。"
    files = {
        "posts/nu.md": post("Nu", "2023-05-24", CITING_BODY),
        "ja/nu.md": post(
            "ニュー",
            "2023-05-24",
            translated,
            translators=["editors"],
            source_digest=body_digest(CITING_BODY) if current else "000000000000",
        ),
    }
    root = make_project(tmp_path, files, extra_files={"references.bib": PARITY_BIB})
    result = build(root)
    if current:
        line = files["ja/nu.md"].splitlines().index("両方を増やします [@chen1995]。") + 1
        assert result.returncode == 1 and "Traceback" not in result.output
        assert f"ja/nu.md:{line}: cited works: 'chen1995' is not in posts/nu.md" in result.output
        assert "ja/nu.md: cited works: 'hoffmann2022' of posts/nu.md is missing" in result.output
    else:
        assert result.returncode == 0, result.output
        assert result.html("ja/posts/nu/").select_one(".fn-notice") is not None
