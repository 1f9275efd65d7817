"""Mathematics in a small site built exactly as `mkdocs build --strict` runs: MathML with its TeX,
equation ids and numbers in both languages, the stylesheet only where math is, what search takes
in, and bad TeX stopping the build with the file, the line and the renderer's words."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest

from sitebuilder import ROOT, build, make_project, post

PAGEFIND = ROOT / "node_modules/@pagefind/linux-x64/bin/pagefind_extended"

MATHS_EN = post(
    "Scaling with maths",
    "2023-05-24",
    """The training cost is about $C \\approx 6ND$ FLOPs, and the loss [](#eq-loss) falls with both.

<!-- more -->

## The loss { #the-loss }

$$
L(N, D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}} \\label{eq-loss}
$$

The optimum [](#eq-optimum) follows from [the loss](#eq-loss), with $f'(x)$ set to zero.

\\begin{align}
N_{\\mathrm{opt}} &= G \\left(\\frac{C}{6}\\right)^{\\frac{\\beta}{\\alpha+\\beta}} \\label{eq-optimum}
\\end{align}

A price of $5 or $10 stays text, and so does `$code$`.""",
    tags=["llm", "scaling-laws"],
    description="Scaling laws with numbered equations.",
)
MATHS_JA = post(
    "数式でみるスケーリング",
    "2023-05-24",
    """学習コストはおよそ $C \\approx 6ND$ FLOPs で、損失 [](#eq-loss) はどちらにも依存します。

<!-- more -->

## 損失 { #the-loss }

$$
L(N, D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}} \\label{eq-loss}
$$

最適解 [](#eq-optimum) は[損失](#eq-loss)から求まり、$f'(x)$ をゼロとおきます。

\\begin{align}
N_{\\mathrm{opt}} &= G \\left(\\frac{C}{6}\\right)^{\\frac{\\beta}{\\alpha+\\beta}} \\label{eq-optimum}
\\end{align}

価格の $5 や $10 と `$code$` は数式になりません。""",
    tags=["llm", "scaling-laws"],
    translators=["editors"],
    source_digest="000000000000",
)
PLAIN = post(
    "Plain words", "2023-01-10", "No formulas here, but a link to [the loss](maths.md#eq-loss).\n\n## Part { #part }\n\nText."
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_project(
        tmp_path_factory.mktemp("maths"), {"posts/maths.md": MATHS_EN, "ja/maths.md": MATHS_JA, "posts/plain.md": PLAIN}
    )
    result = build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("prefix", ["", "ja/"])
def test_formulas_are_mathml_with_their_tex(site, prefix):
    page = site.html(f"{prefix}posts/maths/")
    annotations = [node.get_text() for node in page.select('article math annotation[encoding="application/x-tex"]')]
    assert annotations[:3] == ["C \\approx 6ND", "L(N, D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}", "f'(x)"]
    assert annotations[3].startswith("\\begin{align}")
    assert len(annotations) == 4
    assert "arithmatex" not in str(page)
    assert "$5 or $10" in page.get_text() or "$5 や $10" in page.get_text()
    assert page.select_one("article code").get_text() == "$code$"


@pytest.mark.parametrize("prefix, name", [("", "Equation"), ("ja/", "数式")])
def test_labelled_equations_have_ids_numbers_and_references(site, prefix, name):
    page = site.html(f"{prefix}posts/maths/")
    assert page.select_one("#eq-loss .fn-math__number").get_text() == "(1)"
    assert page.select_one("#eq-optimum .fn-math__number").get_text() == "(2)"
    assert page.select_one("#eq-optimum .fn-math__scroll")["aria-label"] == f"{name} (2)"
    references = [link.get_text() for link in page.select('article a[href^="#eq-"]')]
    assert references[0] == "(1)" and references[1] == "(2)"
    assert references[2] in ("the loss", "損失")


def test_a_link_from_another_page_to_an_equation_passes_the_strict_anchor_check(site):
    link = site.html("posts/plain/").select_one('article a[href*="#eq-loss"]')
    assert link["href"] == "../maths/#eq-loss"


def test_no_math_renderer_reaches_readers(site):
    """Typeset at build time: the only script of the feature is the small copy-as-TeX handler."""
    for url in ("posts/maths/", "ja/posts/maths/"):
        page = site.html(url)
        sources = [script.get("src", "") for script in page.select("script")]
        assert not any(name in source for source in sources for name in ("temml", "katex", "mathjax"))
        assert [source.rsplit("/", 2)[-2:] for source in sources if "/math/" in source] == [["math", "math.js"]]
        assert not any("temml" in script.get_text().lower() for script in page.select("script"))


def test_stylesheet_is_linked_only_from_pages_with_math(site):
    for url in ("posts/maths/", "ja/posts/maths/"):
        links = [link["href"] for link in site.html(url).select('link[rel="stylesheet"]') if "math" in link["href"]]
        assert len(links) == 1
        assert (site.site / url / links[0]).resolve() == (site.site / "assets/math/math.css").resolve()
    for url in ("posts/plain/", "about/", "tags/"):
        assert not site.html(url).select('link[href*="assets/math/"]'), url


def test_the_font_for_primes_is_preloaded_where_a_prime_is_drawn(site):
    preload = site.html("posts/maths/").select_one('link[rel="preload"][as="font"]')
    assert preload["href"] == "../../assets/math/Temml.woff2"
    assert preload.has_attr("crossorigin")


def test_stylesheet_and_font_are_in_the_site(site):
    stylesheet = (site.site / "assets/math/math.css").read_text(encoding="utf-8")
    assert "Temml-Local.css" in stylesheet and ".fn-math__scroll" in stylesheet
    assert "url('Temml.woff2')" in stylesheet
    assert (site.site / "assets/math/Temml.woff2").read_bytes()[:4] == b"wOF2"
    assert "MIT License" in (site.site / "assets/math/LICENSE-temml.txt").read_text(encoding="utf-8")


def pagefind_content(site_dir: Path) -> str:
    """The text Pagefind keeps for excerpts, read back from its compressed fragment files."""
    subprocess.run([str(PAGEFIND), "--site", str(site_dir), "--output-subdir", "_pagefind_test"], check=True, capture_output=True)
    contents = []
    for fragment in (site_dir / "_pagefind_test/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        if "/posts/maths/" in record["url"]:
            contents.append(record["content"])
    return " ".join(contents).replace("\u200b", "")  # Pagefind marks its Japanese word breaks


def test_pagefind_indexes_the_prose_but_not_the_mathematics(site):
    content = pagefind_content(site.site)
    assert "The training cost is about" in content
    assert "学習コストはおよそ" in content
    for noise in ("\\frac", "\\approx", "6ND", "≈", "application/x-tex"):
        assert noise not in content, noise


BAD = post(
    "Bad maths",
    "2023-05-24",
    "Fine $x$ first.\n\nUnbalanced $\\frac{a}{b$ here.\n\n$$\n\\foo + 1\n$$\n\n\\begin{matrx}\na\n\\end{matrx}\n\nAnd [](#eq-missing).",
)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_bad_tex_stops_the_build_with_one_message_per_formula(tmp_path):
    result = build(make_project(tmp_path, {"posts/bad.md": BAD}))
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert "4 problem(s) in the mathematics of posts/bad.md" in result.output
    expected = [
        (line_of(BAD, "\\frac{a}{b"), "$\\frac{a}{b$ cannot be typeset: Unexpected end of input in a macro argument"),
        (line_of(BAD, "\\foo"), "$$\\foo + 1$$ cannot be typeset: Unsupported function name: \\foo"),
        (line_of(BAD, "\\begin{matrx}"), "cannot be typeset: No such environment: matrx"),
        (line_of(BAD, "#eq-missing"), "link to #eq-missing, but no equation has \\label{eq-missing}"),
    ]
    for line, message in expected:
        assert f"posts/bad.md:{line}: " in result.output, result.output
        assert message in result.output, result.output
