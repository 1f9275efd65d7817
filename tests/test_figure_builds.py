"""Numbered figures and tables in a real `mkdocs build --strict` of a small project in both languages: captions,
references, each language's drawings in both schemes published beside the page, the full-screen view's files,
the feeds, the link checker; and the figure problems that stop the build with the file and the line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from fieldnotes.core.collection import body_digest
from sitebuilder import ROOT, build, make_project, post

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"].rstrip("/") + "/"
FIELDNOTES = Path(sys.executable).parent / "fieldnotes"
LANGUAGES = ("en", "ja")
PREFIXES = {"en": "", "ja": "ja/"}

FIGURES_EN = """The chart [](#fig-chart) agrees with [](#tbl-results), and [the photo](#fig-photo) shows the machine.

<!-- more -->

## Results { #results }

/// figure | fig-chart
![Loss against compute, one line per model size](assets/figs/chart.svg)

Loss against compute, from **three** runs.
///

/// table | tbl-results
| Model | Loss |
|-------|------|
| A     | 2.1  |

The loss each model reached.
///

/// figure | fig-photo
![The machine the models ran on](assets/figs/photo.png)

The machine.
///
"""

FIGURES_JA = """グラフ [](#fig-chart) は [](#tbl-results) と一致し、[写真](#fig-photo)は計算機を示します。

<!-- more -->

## 結果 { #results }

/// figure | fig-chart
![計算量に対する損失。モデルの大きさごとに 1 本の線](assets/figs/chart.svg)

計算量に対する損失（**3 回**の実行から）。
///

/// table | tbl-results
| Model | Loss |
|-------|------|
| A     | 2.1  |

各モデルの損失。
///

/// figure | fig-photo
![モデルを動かした計算機](assets/figs/photo.png)

計算機。
///
"""


def svg(text: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360"><text x="10" y="20">{text}</text></svg>\n'


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(out, format="PNG")
    return out.getvalue()


DRAWINGS = {
    f"posts/assets/figs/chart.{lang}.{scheme}.svg": svg(f"{lang} {scheme}") for lang in LANGUAGES for scheme in ("light", "dark")
}
FILES = {
    "posts/figs.md": post("Figures", "2023-05-24", FIGURES_EN, description="A post with figures."),
    "ja/figs.md": post("図のある記事", "2023-05-24", FIGURES_JA, translators=["editors"], source_digest=body_digest(FIGURES_EN)),
    "posts/plain.md": post("Plain", "2023-01-10", "No figure.\n\n## Part { #part }\n\nText.", description="No figure."),
    **DRAWINGS,
    "posts/assets/figs/photo.png": png(),
    # A post without a translation links this file's "Translating a post" section, which the link checker reads.
    "CONTRIBUTING.md": (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"),
}
CAPTIONS = {"en": ["Figure 1.", "Table 1.", "Figure 2."], "ja": ["図 1", "表 1", "図 2"]}
REFERENCES = {"en": ["Figure 1", "Table 1", "the photo"], "ja": ["図 1", "表 1", "写真"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    result = build(make_project(tmp_path_factory.mktemp("figures-build"), FILES))
    assert result.returncode == 0, result.output
    return result


def page_url(lang: str, slug: str = "figs") -> str:
    return f"{PREFIXES[lang]}posts/{slug}/"


def published(site, page: str, src: str) -> Path:
    """The file in the site that `src`, written in the page at `page`, points at."""
    return site.site / urlsplit(urljoin(page, src)).path.lstrip("/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_captions_and_references_are_in_the_page_language(site, lang):
    article = site.html(page_url(lang)).select_one("article")
    figures = article.select("figure[data-fn-figure]")
    assert [figure["id"] for figure in figures] == ["fig-chart", "tbl-results", "fig-photo"]
    assert [figure.select_one(".fn-figure__label").get_text() for figure in figures] == CAPTIONS[lang]
    links = article.select('a[href="#fig-chart"], a[href="#tbl-results"], a[href="#fig-photo"]')
    assert [link.get_text() for link in links] == REFERENCES[lang]
    caption = figures[0].figcaption
    assert caption.strong is not None and caption.get_text().startswith(CAPTIONS[lang][0] + " ")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_shows_its_own_drawings_in_both_schemes(site, lang):
    url = page_url(lang)
    images = site.html(url).select("#fig-chart img")
    assert [image["src"].rsplit("/", 1)[-1] for image in images] == [
        f"chart.{lang}.light.svg#only-light",
        f"chart.{lang}.dark.svg#only-dark",
    ]
    for image, scheme in zip(images, ("light", "dark")):
        assert published(site, url, image["src"]).read_text(encoding="utf-8") == svg(f"{lang} {scheme}")
        assert (image["width"], image["height"]) == ("640", "360")
    (photo,) = site.html(url).select("#fig-photo img")
    assert published(site, url, photo["src"]).read_bytes() == FILES["posts/assets/figs/photo.png"]
    assert (photo["width"], photo["height"]) == ("300", "200")


def test_the_full_screen_view_is_linked_only_from_pages_with_figures(site):
    for lang, close in (("en", "Close"), ("ja", "閉じる")):
        page = site.html(page_url(lang))
        (script,) = [tag for tag in page.select("script[src]") if tag["src"].endswith("assets/figures/figures.js")]
        assert script["data-close"] == close and script.has_attr("defer")
        assert [link for link in page.select('link[rel="stylesheet"]') if link["href"].endswith("assets/figures/figures.css")]
        assert published(site, page_url(lang), script["src"]).is_file()
    for url in ("posts/plain/", ""):
        assert not site.html(url).select('[src*="assets/figures/"], [href*="assets/figures/"]'), url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_carry_the_light_drawing_of_their_language_with_the_caption(site, lang):
    parsed = feedparser.parse((site.site / PREFIXES[lang] / "feed.xml").read_text(encoding="utf-8"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = [entry for entry in parsed.entries if entry.link.endswith("/posts/figs/")]
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    chart = content.select_one("figure#fig-chart")
    base = f"{SITE_URL}{page_url(lang)}"
    page = site.html(page_url(lang))
    light = urljoin(base, page.select_one("#fig-chart img")["src"].removesuffix("#only-light"))
    assert light.endswith(f"/chart.{lang}.light.svg")
    assert [image["src"] for image in chart.select("img")] == [light]
    assert chart.figcaption.get_text().startswith(CAPTIONS[lang][0])
    assert [image["src"] for image in content.select("figure#fig-photo img")] == [
        urljoin(base, page.select_one("#fig-photo img")["src"])
    ]
    assert content.select_one("figure#tbl-results table") is not None
    assert "#only-" not in entry.content[0].value and "data-fn-" not in entry.content[0].value
    json_item = next(item for item in site.json(f"{PREFIXES[lang]}feed.json")["items"] if item["url"] == base)
    json_chart = BeautifulSoup(json_item["content_html"], "html.parser").select_one("figure#fig-chart")
    assert [image["src"] for image in json_chart.select("img")] == [light]


def test_the_link_checker_passes_the_figures_and_their_references(site):
    checked = subprocess.run(
        [str(FIELDNOTES), "linkcheck", "site"], cwd=site.root, capture_output=True, text=True, timeout=300, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- the builds that must fail -----------------------------------------------------------------

ONE_FIGURE = "/// figure | fig-chart\n![A chart](assets/figs/chart.svg)\n\nThe chart.\n///\n"
ONE_FIGURE_POST = post("Bad", "2023-05-24", f"Intro.\n\n## Part {{ #part }}\n\n{ONE_FIGURE}")
UNKNOWN_REFERENCE = post("Bad", "2023-05-24", f"See [](#fig-chrat).\n\n## Part {{ #part }}\n\n{ONE_FIGURE}")
DUPLICATE = post(
    "Bad", "2023-05-24", f"Intro.\n\n## Part {{ #part }}\n\n{ONE_FIGURE}\n{ONE_FIGURE.replace('The chart.', 'Again.')}"
)
JA_ONE_FIGURE = post(
    "悪い記事",
    "2023-05-24",
    f"導入。\n\n## 部分 {{ #part }}\n\n{ONE_FIGURE}",
    translators=["editors"],
    source_digest="000000000000",
)


def lines_of(text: str, needle: str) -> list[int]:
    return [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]


FIRST, SECOND = lines_of(DUPLICATE, "/// figure")
FIGURE_LINE = lines_of(ONE_FIGURE_POST, "chart.svg")[0]

# (files of the project, what the output must say)
BAD_BUILDS = {
    "reference to an unknown id": (
        {"posts/bad.md": UNKNOWN_REFERENCE, **DRAWINGS},
        (f"posts/bad.md:{lines_of(UNKNOWN_REFERENCE, 'fig-chrat')[0]}: link to #fig-chrat, but no figure or table has that id. "
         "Did you mean 'fig-chart'?"),
    ),
    "duplicate id": (
        {"posts/bad.md": DUPLICATE, **DRAWINGS},
        (f"posts/bad.md:{FIRST}: the id 'fig-chart' is used by 2 figures or tables, on lines {FIRST} and {SECOND}: "
         "ids are unique in an article"),
    ),
    "a drawing missing for a scheme": (
        {"posts/bad.md": ONE_FIGURE_POST, **{path: text for path, text in DRAWINGS.items() if "dark" not in path}},
        (f"posts/bad.md:{FIGURE_LINE}: /// figure | fig-chart: the figure is not drawn for this language and colour scheme: "
         "no assets/figs/chart.en.dark.svg (run `make figures`)"),
    ),
    "a drawing missing for the language": (
        {"posts/bad.md": ONE_FIGURE_POST, "ja/bad.md": JA_ONE_FIGURE, **{path: text for path, text in DRAWINGS.items() if ".en." in path}},
        (f"ja/bad.md:{lines_of(JA_ONE_FIGURE, 'chart.svg')[0]}: /// figure | fig-chart: the figure is not drawn for this "
         "language and colour scheme: no assets/figs/chart.ja.light.svg and assets/figs/chart.ja.dark.svg (run `make figures`)"),
    ),
}  # fmt: skip


@pytest.mark.parametrize(("files", "expected"), BAD_BUILDS.values(), ids=list(BAD_BUILDS))
def test_a_figure_problem_stops_the_build_with_its_file_and_line(tmp_path, files, expected):
    result = build(make_project(tmp_path, files))
    assert result.returncode != 0
    assert "Traceback" not in result.output, result.output
    assert expected in result.output, result.output
