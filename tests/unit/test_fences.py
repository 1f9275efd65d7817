"""The ```3dmol and ```space fences at the Markdown level: the HTML they render, every kind of bad
option with the message an author gets, the line numbers the plugin reports, and injection."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from fieldnotes.core.features import fences
from fieldnotes.core.features.feature import PageContext
from fieldnotes.core.locales import load_locales
from fieldnotes.core.source_lines import MarkdownSource
from fieldnotes.superfences import custom_fences, feature_fences, fence_problems
from sitebuilder import ROOT

LOCALES = load_locales(ROOT / "locales", ["en", "ja"])


def english(key: str, **values: object) -> str:
    return LOCALES.text("en", key, **values)


from fieldnotes.core.features.fence_options import FenceOptionError

STRUCTURE = "assets/trp-cage/1l2y.pdb"


@pytest.fixture
def context(tmp_path) -> PageContext:
    """A page at posts/trp-cage/ whose site has one structure file under posts/assets/."""
    posts = tmp_path / "posts"
    (posts / STRUCTURE).parent.mkdir(parents=True)
    (posts / STRUCTURE).write_text("ATOM      1  N   ASN A   1      -8.901   4.127  -0.555  1.00  0.00           N\nEND\n")

    def resolve(path: str) -> str | None:
        return f"../{path}" if (posts / path).is_file() else None

    return PageContext("en", english, lambda: MarkdownSource("posts/page.md", ""), resolve, lambda path: None)


def render(context: PageContext, kind: str, options: dict | str) -> str:
    body = options if isinstance(options, str) else yaml.safe_dump(options, allow_unicode=True, sort_keys=False)
    md = markdown.Markdown(
        extensions=["pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": custom_fences(fences(), context)}},
    )
    return md.convert(f"Text before.\n\n```{kind}\n{body.rstrip()}\n```\n")


def figure(html: str):
    found = BeautifulSoup(html, "lxml").select("figure[data-fn-embed]")
    assert len(found) == 1, html
    return found[0]


# -- what the fences render ------------------------------------------------------------------


def test_viewer_from_a_file(context):
    html = render(
        context,
        "3dmol",
        {
            "file": STRUCTURE,
            "style": "cartoon+stick",
            "color": "ss",
            "highlight": "A:6-9",
            "highlight_style": "stick",
            "height": 420,
            "spin": True,
            "caption": "Trp-cage, PDB 1L2Y",
        },
    )
    fig = figure(html)
    assert fig["class"] == ["fn-mol"]
    assert fig["data-fn-embed"] == "3dmol"
    assert fig["data-src"] == "../assets/trp-cage/1l2y.pdb"
    assert fig["data-format"] == "pdb"
    assert fig["data-style"] == "cartoon+stick"
    assert fig["data-color"] == "ss"
    assert fig["data-highlight"] == "A:6-9"
    assert fig["data-highlight-style"] == "stick"
    assert fig["data-spin"] == "true"
    assert not fig.has_attr("data-pdb")
    assert fig.select_one(".fn-mol__box")["style"] == "height: 420px"
    assert fig.select_one(".fn-mol__status").get_text() == "This interactive 3D view needs JavaScript and WebGL."
    links = {a["href"]: a for a in fig.select(".fn-mol__links a")}
    assert set(links) == {"https://www.rcsb.org/structure/1L2Y", "../assets/trp-cage/1l2y.pdb"}
    assert links["https://www.rcsb.org/structure/1L2Y"]["rel"] == ["noopener"]
    assert fig.figcaption.get_text() == "Trp-cage, PDB 1L2Y"


def test_viewer_from_a_pdb_id_has_defaults(context):
    fig = figure(render(context, "3dmol", "pdb: 1l2y"))
    assert fig["data-pdb"] == "1L2Y"
    assert not fig.has_attr("data-src")
    assert (fig["data-style"], fig["data-color"], fig["data-spin"]) == ("cartoon", "spectrum", "false")
    assert not fig.has_attr("data-highlight")
    assert fig.select_one(".fn-mol__box")["style"] == "height: 400px"
    assert [a["href"] for a in fig.select("a")] == ["https://www.rcsb.org/structure/1L2Y"]
    assert fig.figcaption is None


@pytest.mark.parametrize(("written", "normalised"), [("A", "A"), ("B:6", "B:6"), ("A:6-6", "A:6"), ("A:06-10", "A:6-10")])
def test_highlight_is_normalised(context, written, normalised):
    assert figure(render(context, "3dmol", {"pdb": "1L2Y", "highlight": written}))["data-highlight"] == normalised


def test_blank_caption_and_title_count_as_not_given(context):
    assert figure(render(context, "3dmol", {"pdb": "1L2Y", "caption": "  "})).figcaption is None
    assert figure(render(context, "space", {"id": "owner/demo", "title": " "}))["data-title"] == "owner/demo"


def test_viewer_never_uses_3dmol_auto_initialisation(context):
    html = render(context, "3dmol", {"pdb": "1L2Y", "caption": "x"})
    assert "viewer_3Dmoljs" not in html
    assert "data-callback" not in html
    assert "<canvas" not in html and "<script" not in html


def test_viewer_text_follows_the_page_language(context):
    context.text = lambda key, **values: LOCALES.text("ja", key, **values)
    fig = figure(render(context, "3dmol", {"file": STRUCTURE, "caption": "トリプトファンケージ"}))
    assert fig.select_one(".fn-mol__status").get_text() == "この 3D ビューの表示には JavaScript と WebGL が必要です。"
    assert fig["data-text-loading"] == "3D ビューを読み込んでいます…"
    assert [a.get_text() for a in fig.select("a")] == ["RCSB PDB で 1L2Y を見る", "構造ファイルをダウンロード（PDB）"]
    assert fig.figcaption.get_text() == "トリプトファンケージ"


def test_space_facade(context):
    html = render(
        context,
        "space",
        {"id": "simonduerr/3dmol.js", "title": "PDB viewer", "height": 640, "allow": ["fullscreen", "clipboard-write"]},
    )
    fig = figure(html)
    assert fig["data-src"] == "https://simonduerr-3dmol-js.hf.space"
    assert fig["data-title"] == "PDB viewer"
    assert fig["data-allow"] == "fullscreen; clipboard-write"
    assert fig.select_one(".fn-space__box")["style"] == "height: 640px"
    assert fig.select_one(".fn-space__title").get_text() == "PDB viewer"
    button = fig.select_one("button.fn-space__load")
    assert button.get_text() == "Load the live demo" and button.has_attr("hidden") and button["type"] == "button"
    link = fig.figcaption.a
    assert link["href"] == "https://huggingface.co/spaces/simonduerr/3dmol.js"
    assert link["target"] == "_blank" and link["rel"] == ["noopener"]
    assert "<iframe" not in html  # nothing is requested from Hugging Face before the click


def test_space_defaults_and_japanese(context):
    context.text = lambda key, **values: LOCALES.text("ja", key, **values)
    fig = figure(render(context, "space", "id: simonduerr/3dmol.js"))
    assert fig["data-title"] == "simonduerr/3dmol.js"
    assert not fig.has_attr("data-allow")
    assert fig.select_one(".fn-space__box")["style"] == "height: 600px"
    assert fig.select_one("button").get_text() == "デモを読み込む"


# -- bad options -----------------------------------------------------------------------------

VIEWER = f"file: {STRUCTURE}\n"
BAD_OPTIONS = [
    ("unknown option with suggestion", "3dmol", VIEWER + "colour: chain", "unknown option 'colour'. Did you mean 'color'?"),
    ("unknown option without a close match", "3dmol", VIEWER + "zoom: 2", "unknown option 'zoom'. Known options: pdb, file,"),
    (
        "malformed PDB id",
        "3dmol",
        "pdb: L2Y1",
        "'pdb': expected a 4-character PDB id starting with a digit, e.g. 1L2Y, not 'L2Y1'",
    ),
    ("PDB id too long", "3dmol", "pdb: 1L2YA", "'pdb': expected a 4-character PDB id"),
    (
        "both pdb and file",
        "3dmol",
        VIEWER + "pdb: 1L2Y",
        "give either 'pdb' (a PDB id) or 'file' (a structure under assets/), not both",
    ),
    ("neither pdb nor file", "3dmol", "style: cartoon", "expected 'pdb' (a PDB id such as 1L2Y) or 'file'"),
    (
        "bad style",
        "3dmol",
        VIEWER + "style: cartoon+ribbon",
        "'style': expected one of cartoon, stick, sphere, line, surface, or several joined with '+'",
    ),
    ("repeated style", "3dmol", VIEWER + "style: stick+stick", "'style': expected one of cartoon"),
    ("bad colour", "3dmol", VIEWER + "color: rainbow", "'color': expected one of spectrum, chain, ss, element, not 'rainbow'"),
    (
        "height too large",
        "3dmol",
        VIEWER + "height: 5000",
        "'height': expected a whole number of pixels from 150 to 1000, not 5000",
    ),
    (
        "height with a unit",
        "3dmol",
        VIEWER + "height: 420px",
        "'height': expected a whole number of pixels from 150 to 1000, not '420px'",
    ),
    ("height true", "3dmol", VIEWER + "height: true", "'height': expected a whole number of pixels"),
    (
        "reversed highlight range",
        "3dmol",
        VIEWER + 'highlight: "A:20-10"',
        "'highlight': expected a chain with an optional residue or range",
    ),
    (
        "highlight not a selection",
        "3dmol",
        VIEWER + "highlight: residue six",
        "'highlight': expected a chain with an optional residue or range",
    ),
    (
        "bad highlight style",
        "3dmol",
        VIEWER + 'highlight: "A:6"\nhighlight_style: glow',
        "'highlight_style': expected one of cartoon",
    ),
    ("highlight_style alone", "3dmol", VIEWER + "highlight_style: stick", "'highlight_style' needs 'highlight'"),
    ("spin not a boolean", "3dmol", VIEWER + "spin: fast", "'spin': expected true or false, not 'fast'"),
    ("caption not text", "3dmol", VIEWER + "caption: [a, b]", "'caption': expected a line of text, not ['a', 'b']"),
    (
        "missing structure file",
        "3dmol",
        "file: assets/trp-cage/missing.pdb",
        "'file': there is no posts/assets/trp-cage/missing.pdb",
    ),
    ("file outside assets", "3dmol", "file: ../mkdocs.yml", "'file': expected a file under assets/"),
    (
        "file with a bad extension",
        "3dmol",
        "file: assets/trp-cage/notes.txt",
        "'file': expected a structure file ending in .pdb, .cif, .sdf, .mol2",
    ),
    (
        "file with odd characters",
        "3dmol",
        'file: "assets/trp cage/1l2y.pdb"',
        "'file': expected a path relative to posts/ made of letters",
    ),
    ("option given twice", "3dmol", VIEWER + "height: 300\nheight: 400", "'height' is given twice (first on line 2)"),
    ("not a mapping", "3dmol", "just some text", "expected `key: value` lines"),
    ("broken YAML", "3dmol", "pdb: [1L2Y", "not a `key: value` mapping"),
    ("empty fence", "3dmol", "", "the fence is empty"),
    (
        "Space id without owner",
        "space",
        "id: simonduerr",
        "'id': expected the Space as owner/name, e.g. simonduerr/3dmol.js, not 'simonduerr'",
    ),
    (
        "Space name starting with '-'",
        "space",
        "id: owner/-demo",
        "is not a valid Space id: the name may only use letters, digits, '-', '_' and '.', and must not start or end",
    ),
    ("Space owner ending with '.'", "space", "id: owner./demo", "the owner may only use letters, digits"),
    ("Space name with '..'", "space", "id: owner/a..b", "the name must not contain '--' or '..'"),
    ("Space name with '--'", "space", "id: owner/a--b", "the name must not contain '--' or '..'"),
    ("Space name with a space", "space", "id: owner/my demo", "the name may only use letters, digits"),
    ("Space name too long", "space", "id: owner/" + "a" * 97, "the name is longer than 96 characters"),
    ("Space id missing", "space", "title: A demo", "expected 'id', the Space as owner/name"),
    (
        "bad allow entry",
        "space",
        "id: owner/demo\nallow: [microphone, geolocation]",
        "'allow': expected a list of distinct permissions from microphone, camera, clipboard-read, clipboard-write, fullscreen",
    ),
    ("allow not a list", "space", "id: owner/demo\nallow: {camera: true}", "'allow': expected a list of distinct permissions"),
    (
        "Space height not a number",
        "space",
        "id: owner/demo\nheight: tall",
        "'height': expected a whole number of pixels from 200 to 2000",
    ),
    ("Space option misspelt", "space", "id: owner/demo\ntitel: Demo", "unknown option 'titel'. Did you mean 'title'?"),
]


@pytest.mark.parametrize(("kind", "body", "message"), [case[1:] for case in BAD_OPTIONS], ids=[case[0] for case in BAD_OPTIONS])
def test_bad_option_is_reported(context, kind, body, message):
    with pytest.raises(FenceOptionError, match=re.escape(message)):
        render(context, kind, body)


def test_every_problem_of_a_fence_is_reported_at_once(context):
    with pytest.raises(FenceOptionError) as error:
        render(context, "3dmol", "pdb: nope\ncolor: rainbow\nheight: 2")
    assert [problem.line for problem in error.value.problems] == [1, 2, 3]


# -- what the plugin scans -------------------------------------------------------------------

PAGE = """Intro.

```3dmol
file: assets/trp-cage/1l2y.pdb
height: 9000
```

````markdown
```3dmol
not checked: this fence is an example inside another code block
```
````

  ```space
  id: owner/-bad
  ```
"""


def test_problems_carry_the_line_in_the_markdown(context):
    problems = fence_problems(feature_fences(fences(), PAGE), context, "posts/page.md")
    assert [(problem.line, problem.message) for problem in problems] == [
        (5, "```3dmol fence (line 3): 'height': expected a whole number of pixels from 150 to 1000, not 9000"),
        (
            15,
            "```space fence (line 14): 'id': 'owner/-bad' is not a valid Space id: the name may only use letters, digits, '-', '_' and '.', and must not start or end with '-' or '.'",
        ),
    ]


def test_fences_in_quotes_and_lists_are_found(context):
    page = "> ```3dmol\n> pdb: 1L2Y\n> height: 9\n> ```\n\n- item\n\n    ```space\n    id: owner/demo\n    ```\n"
    found = feature_fences(fences(), page)
    assert [(fence.lang, fence.line, fence.body) for fence, _ in found] == [
        ("3dmol", 1, "pdb: 1L2Y\nheight: 9"),
        ("space", 8, "id: owner/demo"),
    ]
    assert [problem.line for problem in fence_problems(found, context, "posts/page.md")] == [3]


def test_header_options_and_unclosed_fences_are_reported(context):
    page = "```3dmol height=300\npdb: 1L2Y\n```\n\n```space\nid: owner/demo\n"
    messages = [problem.message for problem in fence_problems(feature_fences(fences(), page), context, "posts/page.md")]
    assert messages == [
        "```3dmol fence (line 1): write options inside the fence as `key: value` lines, not after ```3dmol ('height=300')",
        "```space fence (line 5) is never closed: end it with a line ```",
    ]


def test_header_options_are_refused_by_the_validator(context):
    md = markdown.Markdown(
        extensions=["pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": custom_fences(fences(), context)}},
    )
    assert "data-fn-embed" not in md.convert("```3dmol height=300\npdb: 1L2Y\n```\n")


# -- injection -------------------------------------------------------------------------------

PAYLOADS = [
    '"><script>alert(1)</script>',
    "javascript:alert(1)",
    '" onerror="alert(1)',
    "x onerror=alert(1)",
    "<img src=x onerror=alert(1)>",
]
VALID_VIEWER = {
    "file": STRUCTURE,
    "style": "cartoon",
    "color": "spectrum",
    "highlight": "A:6",
    "highlight_style": "stick",
    "height": 420,
    "spin": False,
    "caption": "Trp-cage",
}
VALID_SPACE = {"id": "simonduerr/3dmol.js", "title": "Demo", "height": 600, "allow": ["fullscreen"]}
FREE_TEXT = {("3dmol", "caption"), ("space", "title")}
URL_ATTRIBUTES = {"href", "src", "data-src", "action", "formaction"}  # data-src is what the loader fetches or frames
INJECTIONS = [
    pytest.param(kind, valid, key, payload, id=f"{kind}-{key}-{number}")
    for kind, valid in (("3dmol", VALID_VIEWER), ("3dmol", {"pdb": "1L2Y"}), ("space", VALID_SPACE))
    for key in valid
    for number, payload in enumerate(PAYLOADS)
]


def assert_inert(html: str) -> None:
    assert "<script" not in html.lower()
    soup = BeautifulSoup(html, "lxml")
    assert soup.find_all(["script", "img", "iframe"]) == []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), f"event handler attribute {name} on <{tag.name}>"
            if name in URL_ATTRIBUTES:
                assert not value.strip().lower().startswith("javascript:"), f"javascript: URL in {name} of <{tag.name}>"


@pytest.mark.parametrize(("kind", "valid", "key", "payload"), INJECTIONS)
def test_injection_is_refused_or_escaped(context, kind, valid, key, payload):
    options = {**valid, key: [payload] if key == "allow" else payload}
    if (kind, key) not in FREE_TEXT:
        with pytest.raises(FenceOptionError, match=f"'{key}'"):
            render(context, kind, options)
        return
    html = render(context, kind, options)
    assert_inert(html)
    fig = figure(html)
    shown = fig.figcaption.get_text() if kind == "3dmol" else fig.select_one(".fn-space__title").get_text()
    assert shown == " ".join(payload.split())
