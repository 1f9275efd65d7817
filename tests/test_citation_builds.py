"""Citations in a real `mkdocs build --strict` of a small project with its own references.bib: the References
section (the works cited, in the style's order, linked, with links back), the table of contents, the link
checker, the search index and the feeds, in both languages; and each guard stopping the build with the file,
the line and the closest key, never a traceback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from fieldnotes.core.collection import body_digest
from fieldnotes.core.search.bundle import decode
from sitebuilder import ROOT, build, make_project, post

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"].rstrip("/") + "/"
FIELDNOTES = Path(sys.executable).parent / "fieldnotes"

BIBLIOGRAPHY = """% The works the fixture posts cite.

@article{hoffmann2022training,
  author  = {Hoffmann, Jordan and Borgeaud, Sebastian and Mensch, Arthur},
  title   = {Training Compute-Optimal Large Language Models},
  journal = {Journal of Scaling},
  volume  = {35},
  pages   = {30016--30030},
  year    = {2022},
  doi     = {10.1000/jos.2022.35}
}

@misc{kaplan2020scaling,
  author        = {Kaplan, Jared and McCandlish, Sam},
  title         = {Scaling Laws for Neural Language Models},
  year          = {2020},
  eprint        = {2001.08361},
  archiveprefix = {arXiv}
}

@misc{besiroglu2024chinchilla,
  author        = {Besiroglu, Tamay and Erdil, Ege},
  title         = {Chinchilla Scaling: A replication attempt},
  year          = {2024},
  eprint        = {2404.10102},
  archiveprefix = {arXiv}
}

@online{huggingface2024hub,
  author       = {{Hugging Face}},
  title        = {The Hub documentation},
  organization = {Hugging Face},
  urldate      = {2024-05-01},
  url          = {https://huggingface.co/docs/hub}
}

@software{vonwerra2023trl,
  author       = {von Werra, Leandro and Belkada, Younes},
  title        = {TRL: Transformer Reinforcement Learning},
  version      = {0.7.1},
  year         = {2023},
  url          = {https://github.com/huggingface/trl}
}
"""

CITED_EN = """Compute-optimal training [@hoffmann2022training, Table 3] revisits the laws of @kaplan2020scaling.

<!-- more -->

## Method { #method }

@hoffmann2022training [Fig. 3] fit the loss three ways, and a replication agrees [@hoffmann2022training; @besiroglu2024chinchilla].
The models live on the Hub [@huggingface2024hub] and TRL trains them [@vonwerra2023trl].

## Results { #results }

Smaller models were undertrained [-@kaplan2020scaling]."""

CITED_JA = """計算量最適な学習 [@hoffmann2022training, Table 3] は @kaplan2020scaling の法則を見直しました。

<!-- more -->

## 手法 { #method }

@hoffmann2022training [Fig. 3] は損失を三通りに当てはめ、再現研究も一致します [@hoffmann2022training; @besiroglu2024chinchilla]。
モデルは Hub にあり [@huggingface2024hub]、TRL で学習します [@vonwerra2023trl]。

## 結果 { #results }

小さなモデルは学習不足でした [-@kaplan2020scaling]。"""

PLAIN = "A post without citations, written to editors@example.org.\n\n## Part { #part }\n\nText."

POSTS = {
    "posts/cited.md": post("Cited", "2023-05-24", CITED_EN, tags=["llm", "scaling-laws"], description="A post with citations."),
    "ja/cited.md": post(
        "引用のある記事",
        "2023-05-24",
        CITED_JA,
        tags=["llm", "scaling-laws"],
        translators=["editors"],
        source_digest=body_digest(CITED_EN),
    ),
    "posts/plain.md": post("Plain", "2023-01-10", PLAIN, description="A post without citations."),
}

ORDER = ["besiroglu2024chinchilla", "hoffmann2022training", "huggingface2024hub", "kaplan2020scaling", "vonwerra2023trl"]
LINKS = {
    "besiroglu2024chinchilla": "https://arxiv.org/abs/2404.10102",
    "hoffmann2022training": "https://doi.org/10.1000/jos.2022.35",
    "huggingface2024hub": "https://huggingface.co/docs/hub",
    "kaplan2020scaling": "https://arxiv.org/abs/2001.08361",
    "vonwerra2023trl": "https://github.com/huggingface/trl",
}
CITATIONS = {
    "en": [
        "(Hoffmann et al., 2022, Table 3)",
        "Kaplan & McCandlish (2020)",
        "Hoffmann et al. (2022, Figure 3)",
        "(Besiroglu & Erdil, 2024; Hoffmann et al., 2022)",
        "(Hugging Face, n.d.)",
        "(von Werra & Belkada, 2023)",
        "(2020)",
    ],
    "ja": [
        "(Hoffmann ほか, 2022, 表 3)",
        "Kaplan & McCandlish (2020)",
        "Hoffmann ほか (2022, 図 3)",
        "(Besiroglu & Erdil, 2024; Hoffmann ほか, 2022)",
        "(Hugging Face, 日付なし)",
        "(von Werra & Belkada, 2023)",
        "(2020)",
    ],
}
# The citations (numbered in page order) that cite each work.
CITED_AT = {
    "besiroglu2024chinchilla": [4],
    "hoffmann2022training": [1, 3, 4],
    "huggingface2024hub": [5],
    "kaplan2020scaling": [2, 7],
    "vonwerra2023trl": [6],
}
PREFIXES = {"en": "", "ja": "ja/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # CONTRIBUTING.md: a post without a translation links its "Translating a post" section, which the link checker reads.
    extra = {"references.bib": BIBLIOGRAPHY, "CONTRIBUTING.md": (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")}
    root = make_project(tmp_path_factory.mktemp("citations-build"), POSTS, extra_files=extra)
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def article(site, lang: str, slug: str = "cited") -> BeautifulSoup:
    return site.html(f"{PREFIXES[lang]}posts/{slug}/").select_one("article")


@pytest.mark.parametrize("lang", PREFIXES)
def test_citations_are_formatted_in_the_page_language(site, lang):
    page = article(site, lang)
    assert [span.get_text() for span in page.select("span.fn-citation")] == CITATIONS[lang]
    assert [span["id"] for span in page.select("span.fn-citation")] == [f"cite-{n}" for n in range(1, 8)]
    assert not page.select("cite") and "[@" not in page.get_text() and "@kaplan" not in page.get_text()


@pytest.mark.parametrize("lang", PREFIXES)
def test_the_references_hold_exactly_the_cited_works_in_the_styles_order_with_their_links(site, lang):
    section = article(site, lang).select_one("section.fn-references")
    entries = section.select("ul.fn-references__list > li")
    assert [entry["id"] for entry in entries] == [f"ref-{key}" for key in ORDER]
    assert [[a["href"] for a in entry.select(".csl-entry a")] for entry in entries] == [[LINKS[key]] for key in ORDER]
    assert section.h2["id"] == "references"
    assert section.h2.get_text(strip=True).rstrip("¶") == {"en": "References", "ja": "参考文献"}[lang]


@pytest.mark.parametrize("lang", PREFIXES)
def test_each_entry_links_back_to_every_citation_of_it_in_order(site, lang):
    page = article(site, lang)
    for key, numbers in CITED_AT.items():
        backs = page.select(f"#ref-{key} a.fn-references__back")
        assert [a["href"] for a in backs] == [f"#cite-{n}" for n in numbers], key
        for a in backs:
            assert page.select_one(a["href"]).select_one(f'a[href="#ref-{key}"]') is not None, (key, a["href"])


def test_the_japanese_references_read_as_japanese(site):
    page = article(site, "ja")
    hub = page.select_one("#ref-huggingface2024hub").get_text()
    assert "閲覧日 2024年5月1日, URL: https://huggingface.co/docs/hub" in hub
    assert "年" not in "".join(span.get_text() for span in page.select("span.fn-citation"))
    assert page.select_one("#ref-kaplan2020scaling a.fn-references__back")["aria-label"] == "引用箇所 2 に戻る"


@pytest.mark.parametrize("lang", PREFIXES)
def test_the_table_of_contents_lists_the_references_last(site, lang):
    page = site.html(f"{PREFIXES[lang]}posts/cited/")
    toc = [(a["href"], a.get_text(strip=True)) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    title = {"en": "References", "ja": "参考文献"}[lang]
    assert toc[-1] == ("#references", title)
    assert [href for href, _ in toc] == ["#method", "#results", "#references"]


def test_the_references_are_left_out_of_the_search_index(site):
    records = [json.loads(decode(path.read_bytes())) for path in (site.site / "pagefind" / "en" / "fragment").iterdir()]
    (content,) = [record["content"] for record in records if record["url"] == "/posts/cited/"]
    assert "Compute-optimal training" in content and "Hoffmann et al., 2022, Table 3" in content
    for left_out in ("Training Compute-Optimal Large Language Models", "Retrieved May 1, 2024"):
        assert left_out not in content, left_out
    assert article(site, "en").select_one("section.fn-references").has_attr("data-pagefind-ignore")


def linkcheck(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FIELDNOTES), "linkcheck", str(site_dir)], cwd=project, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_link_checker_finds_every_anchor_of_the_citations(site, tmp_path):
    checked = linkcheck(site.root, site.site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert re.search(r"\b0 problems\b", checked.stdout), checked.stdout
    # The same check on a copy that lost one citation's anchor reports the links back to it.
    broken = tmp_path / "site"
    shutil.copytree(site.site, broken)
    page = broken / "posts/cited/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="cite-4"', 'id="elsewhere"'), encoding="utf-8")
    checked = linkcheck(site.root, broken)
    assert checked.returncode == 1
    assert "#cite-4" in checked.stdout, checked.stdout


def test_the_stylesheet_is_linked_only_from_pages_that_cite(site):
    for url, stylesheet in (
        ("posts/cited/", "../../assets/citations/citations.css"),
        ("ja/posts/cited/", "../../../assets/citations/citations.css"),
    ):
        links = [link["href"] for link in site.html(url).select('link[rel="stylesheet"]') if "citations" in link["href"]]
        assert links == [stylesheet], url
    assert (site.site / "assets/citations/citations.css").is_file()
    for url in ("posts/plain/", ""):
        assert not site.html(url).select('link[href*="citations"]'), url
        assert not site.html(url).select("section.fn-references"), url


@pytest.mark.parametrize("lang", PREFIXES)
def test_feeds_carry_the_citations_as_text_and_the_references_as_a_list(site, lang):
    parsed = feedparser.parse((site.site / PREFIXES[lang] / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = [entry for entry in parsed.entries if entry.link.endswith("/posts/cited/")]
    json_feed = site.json(f"{PREFIXES[lang]}feed.json")
    (item,) = [item for item in json_feed["items"] if item["url"] == f"{SITE_URL}{PREFIXES[lang]}posts/cited/"]
    for html in (entry.content[0].value, item["content_html"]):
        content = BeautifulSoup(html, "html.parser")
        text = content.get_text()
        # Each citation as the page prints it, in page order, as plain text: a feed reader has no popover.
        position = 0
        for citation in CITATIONS[lang]:
            position = text.find(citation, position)
            assert position != -1, (citation, text)
        assert "[@" not in text and not content.select("cite, .fn-citation")
        assert not content.select('a[href*="#ref-"], a[href*="#cite-"]')
        references = content.select("section")[-1]
        assert references.find("h2").get_text(strip=True) == ("References" if lang == "en" else "参考文献")
        assert [a["href"] for a in references.select("li a")] == [LINKS[key] for key in ORDER]


# -- the builds that must fail -----------------------------------------------------------------

GOOD_POST = "Scaling [@kaplan2020scaling].\n\n## Part { #part }\n\nText."
ONE_WORK = """@misc{kaplan2020scaling,
  author        = {Kaplan, Jared and McCandlish, Sam},
  title         = {Scaling Laws for Neural Language Models},
  year          = {2020},
  eprint        = {2001.08361},
  archiveprefix = {arXiv}
}
"""
UNCITED = ONE_WORK + "\n@online{extra2024,\n  author = {Doe, Jane},\n  title = {Extra},\n  url = {https://example.org/extra}\n}\n"
UNKNOWN_KEY = GOOD_POST.replace("Text.", "Compute [@kaplan2020scalling, p. 3] and more.")
UNKNOWN_KEY_JA = post(
    "悪い記事",
    "2023-05-24",
    "スケーリング [@kaplan2020scaling]。\n\n## 部分 { #part }\n\n本文 [@kaplan2021scaling]。",
    translators=["editors"],
    source_digest=body_digest(GOOD_POST),
)
IN_HEADING = GOOD_POST.replace("## Part { #part }", "## Part [@kaplan2020scaling] { #part }")


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def post_file(body: str, **meta) -> str:
    return post("Bad", "2023-05-24", body, **meta)


# (files of the project, what the output must say)
BAD_BUILDS = {
    "unknown key": (
        {"posts/bad.md": post_file(UNKNOWN_KEY), "references.bib": ONE_WORK},
        [
            (f"posts/bad.md:{line_of(post_file(UNKNOWN_KEY), 'scalling')}: unknown reference 'kaplan2020scalling' in "
            "[@kaplan2020scalling, p. 3]. Did you mean 'kaplan2020scaling'?")
        ],
    ),
    "unknown key in a translation": (
        {
            "posts/bad.md": post_file(GOOD_POST),
            "ja/bad.md": UNKNOWN_KEY_JA,
            "references.bib": ONE_WORK,
        },
        [
            (f"ja/bad.md:{line_of(UNKNOWN_KEY_JA, 'kaplan2021')}: unknown reference 'kaplan2021scaling' in "
            "[@kaplan2021scaling]. Did you mean 'kaplan2020scaling'?")
        ],
    ),
    "citation in a heading": (
        {"posts/bad.md": post_file(IN_HEADING), "references.bib": ONE_WORK},
        [f"posts/bad.md:{line_of(post_file(IN_HEADING), '## Part')}: [@kaplan2020scaling] is in a heading"],
    ),
    "no bibliography": (
        {"posts/bad.md": post_file(GOOD_POST)},
        [f"posts/bad.md:{line_of(post_file(GOOD_POST), 'Scaling')}: unknown reference 'kaplan2020scaling'", "Add it to references.bib."],
    ),
    "BibTeX syntax error": (
        {"posts/bad.md": post_file(GOOD_POST), "references.bib": ONE_WORK.replace("{2020},", "{2020}")},
        [f"references.bib:{line_of(ONE_WORK, 'eprint')}: BibTeX syntax: expected ',' between fields"],
    ),
    "entry without doi, eprint or url": (
        {
            "posts/bad.md": post_file(GOOD_POST),
            "references.bib": ONE_WORK.replace("  eprint        = {2001.08361},\n  archiveprefix = {arXiv}\n", "  note = {x}\n"),
        },
        ["references.bib:1: 'kaplan2020scaling' has no doi, eprint or url: a reader must be able to find the work"],
    ),
    "duplicate key": (
        {"posts/bad.md": post_file(GOOD_POST), "references.bib": ONE_WORK + "\n" + ONE_WORK},
        ["references.bib:9: duplicate key 'kaplan2020scaling' (first defined on line 1)"],
    ),
    "an entry no post cites": (
        {"posts/bad.md": post_file(GOOD_POST), "references.bib": UNCITED},
        [f"references.bib:{line_of(UNCITED, '@online')}: 'extra2024' is cited by no post; cite it or remove it", "Aborted with 1 warnings in strict mode"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("files", "expected"), BAD_BUILDS.values(), ids=list(BAD_BUILDS))
def test_a_citation_problem_stops_the_build_with_its_file_and_line(tmp_path, files, expected):
    result = build(make_project(tmp_path, files))
    assert result.returncode != 0
    assert "Traceback" not in result.output, result.output
    for words in expected:
        assert words in result.output, result.output
