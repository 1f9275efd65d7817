"""The /// figure and /// table blocks at the Markdown level, with the site's Markdown extensions: numbers
per page and per kind, captions and references in both languages, the drawing of the page's language
in both colour schemes (or one picture), every guard with its message and line, the feed's fallback,
and parity of figure and table ids."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from fieldnotes.core.content_policy import find_violations
from fieldnotes.core.features import page_markup
from fieldnotes.core.features.feature import PageContext
from fieldnotes.core.features.figures import FEATURE
from fieldnotes.core.parity import compare, read_structure
from fieldnotes.core.social.feed_content import feed_html
from fieldnotes.core.source_lines import MarkdownSource
from interface_text import labels, text_of
from sitebuilder import ROOT

LANGUAGES = ("en", "ja")
PAGE_URL = "https://example.org/posts/page/"


def svg(width: str, height: str, text: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"><text>{text}</text></svg>\n'


@pytest.fixture(scope="module")
def posts(tmp_path_factory):
    """A posts/ folder: a chart drawn in both languages and schemes, one drawn in English only, one with its
    dark drawing missing, and two plain pictures."""
    folder = tmp_path_factory.mktemp("figures") / "posts"
    assets = folder / "assets" / "x"
    assets.mkdir(parents=True)
    for lang in LANGUAGES:
        for scheme in ("light", "dark"):
            (assets / f"chart.{lang}.{scheme}.svg").write_text(svg("640", "360pt", f"{lang} {scheme}"), encoding="utf-8")
            (assets / f"loss.{lang}.{scheme}.svg").write_text(svg("300px", "200", f"{lang} {scheme}"), encoding="utf-8")
    for scheme in ("light", "dark"):
        (assets / f"english.en.{scheme}.svg").write_text(svg("10", "10", scheme), encoding="utf-8")
    (assets / "half.en.light.svg").write_text(svg("10", "10", "light"), encoding="utf-8")
    (assets / "diagram.svg").write_text(svg("120", "80", "one for all"), encoding="utf-8")
    Image.new("RGB", (300, 200), "white").save(assets / "photo.png")
    return folder


def context_for(posts, lang: str, text: str) -> PageContext:
    """A page's context for a site in English and Japanese whose resolver finds files under `posts`, as the build's does."""

    def file(path: str):
        found = posts / path
        return found if found.is_file() else None

    source = lambda: MarkdownSource.of_text("posts/page.md", text)
    return PageContext(lang, text_of(lang), source, lambda path: None, file, languages=("en", "ja"))


def site_extensions() -> tuple[list, dict]:
    """The Markdown extensions and options of the site's mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            options[name] = settings
    return names, options


SITE_EXTENSIONS = site_extensions()


def render(posts, body: str, lang: str = "en") -> tuple[BeautifulSoup, list[str]]:
    """The HTML of a post whose body is `body`, and its problems as the build prints them."""
    text = f"---\ntitle: Page\n---\n\n{body}\n"
    context = context_for(posts, lang, text)
    names, options = SITE_EXTENSIONS
    html = markdown.Markdown(extensions=[*names, *FEATURE.extensions(context)], extension_configs=options).convert(body)
    return BeautifulSoup(html, "html.parser"), [str(problem) for problem in context.located()]


def line_of(body: str, needle: str, occurrence: int = 1) -> int:
    """The line of `needle` in the post file whose body is `body` (four lines of front matter come first)."""
    lines = [number for number, line in enumerate(body.splitlines(), start=5) if needle in line]
    return lines[occurrence - 1]


PAGE = """The chart [](#fig-chart) and the loss [](#fig-loss) agree with [](#tbl-results); [](#tbl-costs) says what they cost.

/// figure | fig-chart
![Loss against compute, one line per model size](assets/x/chart.svg)

The **chart**, from [the paper](https://example.org/paper) and `train.py`.
///

/// table | tbl-results
| Model | Loss |
|-------|------|
| A     | 2.1  |

What each model reached.
///

/// figure | fig-loss
![Loss per step](assets/x/loss.svg)

The loss.
///

/// table | tbl-costs
| Model | Cost |
|-------|------|
| A     | 3    |

What each model cost.
///

See [the chart again](#fig-chart) and [](#fig-photo).

/// figure | fig-photo
![The machine the models ran on](assets/x/photo.png)

A picture, the same in every language and scheme.
///
"""

CAPTIONS = {
    "en": ["Figure 1.", "Table 1.", "Figure 2.", "Table 2.", "Figure 3."],
    "ja": ["図 1", "表 1", "図 2", "表 2", "図 3"],
}
REFERENCES = {
    "en": ["Figure 1", "Figure 2", "Table 1", "Table 2", "the chart again", "Figure 3"],
    "ja": ["図 1", "図 2", "表 1", "表 2", "the chart again", "図 3"],
}
ZOOM = {
    "en": ["Enlarge figure 1", "Enlarge table 1", "Enlarge figure 2", "Enlarge table 2", "Enlarge figure 3"],
    "ja": ["図 1 を拡大", "表 1 を拡大", "図 2 を拡大", "表 2 を拡大", "図 3 を拡大"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_and_tables_are_numbered_apart_in_the_page_language(posts, lang):
    page, problems = render(posts, PAGE, lang)
    assert problems == []
    figures = page.select("figure[data-fn-figure]")
    assert [figure["id"] for figure in figures] == ["fig-chart", "tbl-results", "fig-loss", "tbl-costs", "fig-photo"]
    assert [figure["data-fn-figure"] for figure in figures] == ["figure", "table", "figure", "table", "figure"]
    assert [figure["class"] for figure in figures] == [["fn-figure"], ["fn-table"], ["fn-figure"], ["fn-table"], ["fn-figure"]]
    assert [figure.select_one("figcaption .fn-figure__label").get_text() for figure in figures] == CAPTIONS[lang]
    assert [figure["data-fn-zoom"] for figure in figures] == ZOOM[lang]
    links = page.select('a[href^="#fig-"], a[href^="#tbl-"]')
    assert [link.get_text() for link in links] == REFERENCES[lang]
    assert [link.get("class") for link in links] == [["fn-xref"]] * 4 + [None, ["fn-xref"]]


def test_captions_keep_their_markdown_after_the_number(posts):
    page, _ = render(posts, PAGE)
    caption = page.select_one("#fig-chart figcaption")
    assert caption.get_text() == "Figure 1. The chart, from the paper and train.py."
    assert [(child.name, child.get_text()) for child in caption.find_all(True)] == [
        ("span", "Figure 1."),
        ("strong", "chart"),
        ("a", "the paper"),
        ("code", "train.py"),
    ]
    assert caption.a["href"] == "https://example.org/paper"


def test_a_figure_shows_its_drawing_then_its_caption_and_a_table_its_caption_first(posts):
    page, _ = render(posts, PAGE)
    assert [child.name for child in page.select_one("#fig-chart").find_all(True, recursive=False)] == ["div", "figcaption"]
    assert [child.name for child in page.select_one("#tbl-results").find_all(True, recursive=False)] == ["figcaption", "table"]
    assert page.select_one("#tbl-results figcaption").get_text() == "Table 1. What each model reached."
    assert [cell.get_text() for cell in page.select("#tbl-results td")] == ["A", "2.1"]
    assert not page.select("figure p")  # the image's and the caption's paragraphs are gone


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_drawing_is_shown_for_the_page_language_in_both_schemes_with_its_size(posts, lang):
    page, _ = render(posts, PAGE, lang)
    images = page.select("#fig-chart .fn-figure__image > img")
    assert [image["src"] for image in images] == [
        f"assets/x/chart.{lang}.light.svg#only-light",
        f"assets/x/chart.{lang}.dark.svg#only-dark",
    ]
    for image in images:
        assert image["alt"] == "Loss against compute, one line per model size"
        assert (image["width"], image["height"]) == ("640", "480")  # 360pt is 480 CSS pixels
        assert (image["loading"], image["decoding"]) == ("lazy", "async")
    assert [(image["width"], image["height"]) for image in page.select("#fig-loss img")] == [("300", "200")] * 2


def test_a_plain_picture_is_shown_as_it_is(posts):
    for lang in LANGUAGES:
        page, _ = render(posts, PAGE, lang)
        (image,) = page.select("#fig-photo img")
        assert (image["src"], image["width"], image["height"]) == ("assets/x/photo.png", "300", "200")
        assert image["alt"] == "The machine the models ran on"


def test_an_svg_picture_without_drawings_is_one_picture(posts):
    page, problems = render(posts, "/// figure | fig-diagram\n![A diagram](assets/x/diagram.svg)\n\nThe diagram.\n///\n", "ja")
    assert problems == []
    assert [(image["src"], image["width"], image["height"]) for image in page.select("img")] == [
        ("assets/x/diagram.svg", "120", "80")
    ]


def test_ids_are_the_same_in_every_language(posts):
    ids = {lang: [node["id"] for node in render(posts, PAGE, lang)[0].select("figure")] for lang in LANGUAGES}
    assert ids["en"] == ids["ja"]


def test_what_the_blocks_write_is_allowed_by_the_content_policy(posts):
    page, _ = render(posts, PAGE)
    assert find_violations(str(page), page_markup()) == []


def test_a_feed_gets_the_light_drawing_of_its_language_with_the_caption(posts):
    for lang in LANGUAGES:
        page, _ = render(posts, PAGE, lang)
        feed = BeautifulSoup(feed_html(str(page), PAGE_URL, labels(lang)), "html.parser")
        chart = feed.select_one("figure#fig-chart")
        assert [image["src"] for image in chart.select("img")] == [f"{PAGE_URL}assets/x/chart.{lang}.light.svg"]
        assert chart.img["alt"] == "Loss against compute, one line per model size"
        assert chart.figcaption.get_text().startswith(CAPTIONS[lang][0])
        assert not chart.has_attr("class") and not any(name.startswith("data-") for name in chart.attrs)
        assert [image["src"] for image in feed.select("figure#fig-photo img")] == [f"{PAGE_URL}assets/x/photo.png"]
        assert [cell.get_text() for cell in feed.select("figure#tbl-results td")] == ["A", "2.1"]
        assert "#only-" not in str(feed)


# -- guards ------------------------------------------------------------------------------------

FIGURE = "/// figure | fig-chart\n![A chart](assets/x/chart.svg)\n\nThe chart.\n///\n"
TABLE = "/// table | tbl-results\n| a | b |\n|---|---|\n| 1 | 2 |\n\nThe results.\n///\n"

# (body, language, [(needle to find the line by, which occurrence, message)])
BAD_BLOCKS = {
    "reference to an unknown id, with the closest one": (
        FIGURE + "\nSee [](#fig-chrat).\n",
        "en",
        [("fig-chrat", 1, "link to #fig-chrat, but no figure or table has that id. Did you mean 'fig-chart'?")],
    ),
    "reference to an unknown id, nothing close": (
        FIGURE + "\nSee [](#tbl-summary).\n",
        "en",
        [("tbl-summary", 1, "link to #tbl-summary, but no figure or table has that id.")],
    ),
    "duplicate id": (
        FIGURE + "\n" + FIGURE.replace("The chart.", "Again."),
        "en",
        [("fig-chart", 1, "the id 'fig-chart' is used by 2 figures or tables, on lines 5 and 11: ids are unique in an article")],
    ),
    "an id used three times is reported once": (
        FIGURE + "\n" + FIGURE + "\n" + TABLE.replace("tbl-results", "fig-chart").replace("/// table", "/// figure"),
        "en",
        [("fig-chart", 1, "the id 'fig-chart' is used by 3 figures or tables, on lines 5, 11 and 17: ids are unique in an article")],
    ),
    "figure id on a table": (
        TABLE.replace("tbl-results", "fig-results"),
        "en",
        [("fig-results", 1, "'fig-results' is not a table id: write tbl-<name>, e.g. tbl-results")],
    ),
    "id that is not kebab-case": (
        FIGURE.replace("fig-chart", "fig_Chart"),
        "en",
        [("fig_Chart", 1, "'fig_Chart' is not a figure id: write fig-<name>, e.g. fig-results")],
    ),
    "figure without an image": (
        "/// figure | fig-chart\nA chart would go here.\n\nThe chart.\n///\n",
        "en",
        [("fig-chart", 1, "/// figure | fig-chart must start with one image: ![alt text](assets/<slug>/<name>.svg)")],
    ),
    "figure with two images": (
        FIGURE.replace("![A chart](assets/x/chart.svg)", "![A chart](assets/x/chart.svg) ![A photo](assets/x/photo.png)"),
        "en",
        [("fig-chart", 1, "/// figure | fig-chart must start with one image: ![alt text](assets/<slug>/<name>.svg)")],
    ),
    "empty figure": (
        "/// figure | fig-chart\n///\n",
        "en",
        [("fig-chart", 1, "/// figure | fig-chart is empty: it holds the figure, then its caption")],
    ),
    "image without alt text": (
        FIGURE.replace("![A chart]", "![]"),
        "en",
        [("fig-chart", 1, "the image of /// figure | fig-chart has no alt text: describe what it shows")],
    ),
    "figure without a caption": (
        "/// figure | fig-chart\n![A chart](assets/x/chart.svg)\n///\n",
        "en",
        [("fig-chart", 1, "/// figure | fig-chart has no caption: write one or two sentences after the figure")],
    ),
    "table block without a table": (
        "/// table | tbl-results\nThe numbers, in prose.\n\nThe results.\n///\n",
        "en",
        [("tbl-results", 1, "/// table | tbl-results must start with a Markdown table")],
    ),
    "table without a caption": (
        "/// table | tbl-results\n| a | b |\n|---|---|\n| 1 | 2 |\n///\n",
        "en",
        [("tbl-results", 1, "/// table | tbl-results has no caption: write one or two sentences after the table")],
    ),
    "drawing missing for the language": (
        FIGURE.replace("chart.svg", "english.svg"),
        "ja",
        [("english.svg", 1, ("/// figure | fig-chart: the figure is not drawn for this language and colour scheme: "
          "no assets/x/english.ja.light.svg and assets/x/english.ja.dark.svg (run `make figures`)"))],
    ),
    "drawing missing for a scheme": (
        FIGURE.replace("chart.svg", "half.svg"),
        "en",
        [("half.svg", 1, ("/// figure | fig-chart: the figure is not drawn for this language and colour scheme: "
          "no assets/x/half.en.dark.svg (run `make figures`)"))],
    ),
    "no picture at all": (
        FIGURE.replace("chart.svg", "missing.svg"),
        "ja",
        [("missing.svg", 1, ("/// figure | fig-chart: there is no assets/x/missing.svg, and no drawing of it such as "
          "assets/x/missing.ja.light.svg"))],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("body", "lang", "expected"), BAD_BLOCKS.values(), ids=list(BAD_BLOCKS))
def test_bad_blocks_are_reported_on_their_line(posts, body, lang, expected):
    _, problems = render(posts, body, lang)
    assert problems == [
        f"posts/page.md:{line_of(body, needle, occurrence)}: {message}" for needle, occurrence, message in expected
    ]


def test_a_figure_drawn_for_another_language_is_fine_in_that_language(posts):
    body, _lang, _ = BAD_BLOCKS["drawing missing for the language"]
    assert render(posts, body, "en")[1] == []


def test_every_problem_of_a_page_is_reported_with_the_rest_of_the_page_rendered(posts):
    body = (
        FIGURE
        + "\n"
        + FIGURE.replace("![A chart]", "![]").replace("fig-chart", "fig-other")
        + "\n[](#fig-chart) [](#fig-nothing)\n"
    )
    page, problems = render(posts, body)
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "the image of /// figure | fig-other has no alt text: describe what it shows",
        "link to #fig-nothing, but no figure or table has that id. Did you mean 'fig-other'?",
    ]
    assert page.select_one("#fig-chart figcaption .fn-figure__label").get_text() == "Figure 1."
    assert [link.get_text() for link in page.select('a[href="#fig-chart"]')] == ["Figure 1"]


# -- translation parity ------------------------------------------------------------------------

ORIGINAL = "Intro [](#fig-chart).\n\n## Part { #part }\n\n" + FIGURE + "\n" + TABLE
TRANSLATION = (
    "導入 [](#fig-chart)。\n\n## 部分 { #part }\n\n"
    + FIGURE.replace("The chart.", "図の説明。")
    + "\n"
    + TABLE.replace("The results.", "結果。")
)


def figure_problems(original: str, translation: str) -> list[tuple[int | None, str]]:
    found = compare(read_structure(original, 5), read_structure(translation, 5), "posts/x.md")
    return [(line, message) for line, message in found if "figure and table ids" in message]


def test_a_translation_with_the_same_ids_in_the_same_order_passes():
    assert list(compare(read_structure(ORIGINAL), read_structure(TRANSLATION), "posts/x.md")) == []


def test_a_translation_with_other_figure_ids_is_reported_on_its_line():
    drifted = TRANSLATION.replace("fig-chart", "fig-graph")
    assert figure_problems(ORIGINAL, drifted) == [
        (
            line_of(drifted, "/// figure"),
            "figure and table ids differ from posts/x.md: expected ['fig-chart', 'tbl-results'], found ['fig-graph', 'tbl-results']",
        )
    ]


def test_a_translation_with_its_figures_in_another_order_is_reported():
    swapped = "導入。\n\n## 部分 { #part }\n\n" + TABLE + "\n" + FIGURE
    assert figure_problems(ORIGINAL, swapped) == [
        (
            line_of(swapped, "/// table"),
            "figure and table ids differ from posts/x.md: expected ['fig-chart', 'tbl-results'], found ['tbl-results', 'fig-chart']",
        )
    ]


def test_a_translation_missing_a_table_is_reported():
    shorter = TRANSLATION[: TRANSLATION.index("/// table")]
    assert figure_problems(ORIGINAL, shorter) == [
        (None, "figure and table ids differ from posts/x.md: expected ['fig-chart', 'tbl-results'], found ['fig-chart']")
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_the_feature_uses_exists_in_each_language(lang):
    texts = yaml.safe_load((ROOT / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))
    assert set(FEATURE.text_keys) <= set(texts)
