"""Mathematics at the Markdown and page level: what counts as a formula, labels, numbers and
references, the messages an author gets for bad TeX, and the Node process behind the renderer."""

from __future__ import annotations

import html
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from fieldnotes.core.features.math.formulas import find_formulas
from fieldnotes.core.features.math.inventory import ARITHMATEX_CONFIG, CONTAINER_EXTENSIONS, math_inventory
from fieldnotes.core.features.math.markup import valid_mathml
from fieldnotes.core.features.math.page import typeset_page
from fieldnotes.core.features.math.renderer import MathRenderer, RendererUnavailable
from fieldnotes.core.locales import load_locales
from fieldnotes.core.source_lines import MarkdownSource

ROOT = Path(__file__).resolve().parents[2]
FRONT_MATTER_LINES = 5  # what the page sources below pretend comes before the body


@pytest.fixture(scope="module")
def renderer():
    renderer = MathRenderer(ROOT)
    yield renderer
    renderer.close()


def page_html(body: str) -> str:
    """A page's HTML as MkDocs makes it, with arithmatex configured as the plugin configures it."""
    converter = markdown.Markdown(
        extensions=[*CONTAINER_EXTENSIONS, "pymdownx.arithmatex"], extension_configs={"pymdownx.arithmatex": ARITHMATEX_CONFIG}
    )
    return converter.convert(body)


def formulas(body: str) -> list[tuple[str, bool]]:
    return [(formula.tex, formula.display) for formula in find_formulas(page_html(body))]


LOCALES = load_locales(Path(__file__).resolve().parents[2] / "locales", ["en", "ja"])


def typeset(renderer, body: str, lang: str = "en"):
    source = MarkdownSource("posts/maths.md", body, FRONT_MATTER_LINES)
    return typeset_page(page_html(body), lambda: source, renderer, LOCALES.text(lang, "equation"))


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


# -- what is a formula ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Energy $E = mc^2$ here.", [("E = mc^2", False)]),
        (r"Energy \(E = mc^2\) here.", [("E = mc^2", False)]),
        ("Text.\n\n$$\nL(N, D) = E + \\frac{A}{N^\\alpha}\n$$\n\nMore.", [("L(N, D) = E + \\frac{A}{N^\\alpha}", True)]),
        ("Text.\n\n\\[\na < b\n\\]\n\nMore.", [("a < b", True)]),
        ("\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}", [("\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}", True)]),
        ("!!! note\n    Inside $x_1$ an admonition.", [("x_1", False)]),
    ],
    ids=["dollar inline", "round inline", "dollar display", "square display", "environment", "in an admonition"],
)
def test_formulas_are_recognised(body, expected):
    assert formulas(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "It costs $5 and $10 a month.",
        r"It costs \$5, or \$x$ with the escape.",
        "A price of $ 5 $ has spaces inside.",
        "Code `$x$` stays code.",
        "```python\nprice = '$x$'\n```",
        "Inline code `\\(a\\)` too.",
    ],
    ids=["prices", "escaped dollar", "spaces inside", "code span", "fence", "code span with round delimiters"],
)
def test_dollars_and_code_stay_text(body):
    assert formulas(body) == []
    assert "$" in html.unescape(page_html(body)) or "\\(" in page_html(body)


def test_typeset_formula_is_mathml_with_its_tex_annotation(renderer):
    result = typeset(renderer, "Loss $L = E + \\frac{A}{N^\\alpha}$ falls.")
    soup = BeautifulSoup(result.html, "lxml")
    wrapper = soup.select_one("span.fn-math--inline")
    assert wrapper.has_attr("data-pagefind-ignore")
    annotation = wrapper.select_one('math annotation[encoding="application/x-tex"]')
    assert annotation.get_text() == "L = E + \\frac{A}{N^\\alpha}"
    assert wrapper.select_one("math mfrac") is not None
    assert "arithmatex" not in result.html


def test_display_formula_scrolls_in_a_focusable_named_box(renderer):
    result = typeset(renderer, "Text.\n\n$$\na^2 + b^2 = c^2\n$$\n")
    scroll = BeautifulSoup(result.html, "lxml").select_one("div.fn-math--display > div.fn-math__scroll")
    assert scroll["tabindex"] == "0"
    assert scroll["role"] == "group"
    assert scroll["aria-label"] == "Equation"
    assert scroll.math["display"] == "block"


def test_brackets_and_punctuation_touching_an_inline_formula_stay_on_its_line(renderer):
    result = typeset(renderer, "A Huber loss ($\\delta = 10^{-3}$), fitted.")
    glue = BeautifulSoup(result.html, "lxml").select_one("span.fn-math-glue")
    assert glue.get_text().startswith("(")
    assert glue.get_text().endswith("),")


def test_punctuation_between_two_formulas_is_glued_once(renderer):
    soup = BeautifulSoup(typeset(renderer, 'Pairs $a$"$b$" and ($c$),($d$).').html, "lxml")
    for annotation in soup.select("annotation"):
        annotation.decompose()
    assert soup.select_one("p").get_text() == 'Pairs a"b" and (c),(d).'
    assert [glue.get_text() for glue in soup.select(".fn-math-glue")] == ['a"', 'b"', "(c),", "(d)."]


# -- labels, numbers and references -----------------------------------------------------------------

NUMBERED = """See [](#eq-loss) and [the optimum](#eq-optimum).

$$
L(N, D) = E + \\frac{A}{N^\\alpha} + \\frac{B}{D^\\beta} \\label{eq-loss}
$$

$$
C \\approx 6ND
$$

\\begin{align}
\\label{eq-optimum}
N_{\\mathrm{opt}} &= G \\left(\\frac{C}{6}\\right)^{\\frac{\\beta}{\\alpha+\\beta}}
\\end{align}

Back to [](#eq-optimum).
"""


def test_labelled_display_formulas_are_numbered_in_order_and_referenced(renderer):
    result = typeset(renderer, NUMBERED)
    soup = BeautifulSoup(result.html, "lxml")
    assert result.problems == []
    assert result.equation_ids == ["eq-loss", "eq-optimum"]
    assert soup.select_one("#eq-loss .fn-math__number").get_text() == "(1)"
    assert soup.select_one("#eq-optimum .fn-math__number").get_text() == "(2)"
    assert soup.select_one("#eq-optimum .fn-math__scroll")["aria-label"] == "Equation (2)"
    unnumbered = soup.select("div.fn-math--display")[1]
    assert not unnumbered.has_attr("id") and unnumbered.select_one(".fn-math__number") is None
    assert [link.get_text() for link in soup.select('a[href^="#eq-"]')] == ["(1)", "the optimum", "(2)"]


def test_the_label_leaves_the_tex_and_numbered_environments_do_not_number_themselves(renderer):
    soup = BeautifulSoup(typeset(renderer, NUMBERED).html, "lxml")
    annotations = [node.get_text() for node in soup.select("annotation")]
    assert not any("\\label" in text for text in annotations)
    assert annotations[2].startswith("\\begin{align}")  # the annotation keeps the author's environment
    assert soup.select(".tml-eqn") == []


def test_japanese_equation_names(renderer):
    soup = BeautifulSoup(typeset(renderer, NUMBERED, lang="ja").html, "lxml")
    assert soup.select_one("#eq-loss .fn-math__scroll")["aria-label"] == "数式 (1)"


@pytest.mark.parametrize(
    "body, line, expected",
    [
        ("Intro.\n\n$$\na \\label{eq-a}\n$$\n\n$$\nb \\label{eq-a}\n$$", 13, "\\label{eq-a} is used by two equations"),
        ("Intro.\n\n$$\na \\label{eq_A}\n$$", 9, "\\label{eq_A}: an equation id starts with 'eq-'"),
        ("Intro.\n\n$$\na \\label{loss}\n$$", 9, "\\label{loss}: an equation id starts with 'eq-'"),
        ("Intro $a \\label{eq-a}$ inline.", 6, "only display formulas ($$...$$) can carry a \\label"),
        ("Intro.\n\n$$\na \\label{eq-a} \\label{eq-b}\n$$", 9, "one \\label per formula, found 2"),
        ("Intro.\n\n$$\na \\label eq-a\n$$", 9, "write the label as \\label{eq-some-id}"),
        ("Intro.\n\nSee [](#eq-nowhere).", 8, "link to #eq-nowhere, but no equation has \\label{eq-nowhere}"),
        ("Intro.\n\n$$\n\\newcommand{\\R}{\\mathbb{R}} x \\in \\R\n$$", 9, "\\newcommand is not allowed"),
        ("Intro $\\def\\x{1} \\x$ here.", 6, "\\def is not allowed"),
    ],
    ids=[
        "duplicate",
        "uppercase and underscore",
        "no eq- prefix",
        "inline",
        "two labels",
        "no braces",
        "unknown reference",
        "newcommand",
        "def",
    ],
)
def test_label_and_macro_problems_name_the_file_and_line(renderer, body, line, expected):
    result = typeset(renderer, body)
    assert len(result.problems) == 1, messages(result)
    assert str(result.problems[0]).startswith(f"posts/maths.md:{line}: ")
    assert expected in str(result.problems[0])


# -- bad TeX -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tex, renderer_words",
    [
        ("\\frac{a}{b", "Unexpected end of input in a macro argument, expected '}'"),
        ("\\foo + 1", "Unsupported function name: \\foo"),
        ("\\begin{foo} x \\end{foo}", "No such environment: foo"),
    ],
    ids=["unbalanced braces", "undefined macro", "unknown environment"],
)
def test_bad_tex_gives_file_line_and_the_renderers_words(renderer, tex, renderer_words):
    body = f"Intro.\n\nA fine $x$ first.\n\n$$\n{tex}\n$$\n"
    result = typeset(renderer, body)
    [message] = messages(result)
    assert message.startswith(f"posts/maths.md:{FRONT_MATTER_LINES + 6}: $${tex}$$ cannot be typeset: {renderer_words}")
    assert result.html == page_html(body)  # nothing half-replaced


def test_every_bad_formula_gets_its_own_message(renderer):
    body = "One $\\frac{a$ here.\n\nSame TeX as prose: a $x$, then $\\foo$.\n\n$$\n\\begin{bar}\n\\end{bar}\n$$"
    result = typeset(renderer, body)
    assert [(problem.line, problem.message.split(" cannot")[0]) for problem in result.problems] == [
        (6, "$\\frac{a$"),
        (8, "$\\foo$"),
        (11, "$$\\begin{bar} \\end{bar}$$"),
    ]


def test_the_markdown_is_read_only_to_report_a_problem(renderer):
    def unread() -> MarkdownSource:
        raise AssertionError("the source was read for a page without problems")

    result = typeset_page(page_html("Fine $x$ and\n\n$$\ny \\label{eq-y}\n$$\n\nsee [](#eq-y)."), unread, renderer, "en")
    assert result.problems == [] and result.equation_ids == ["eq-y"]


# -- inventory for translation parity -----------------------------------------------------------------


def test_inventory_counts_formulas_and_lists_equation_ids_in_order():
    body = NUMBERED + "\n`$not math$`\n\n```\n$$\nx \\label{eq-in-code}\n$$\n```\n\nA price of $5 or $10.\n"
    inventory = math_inventory(body, first_line=6)
    assert inventory.formula_count == 3
    assert inventory.equation_ids == ["eq-loss", "eq-optimum"]
    assert inventory.equation_lines == [9, 16]  # the first line of each formula's TeX


# -- the Node process ---------------------------------------------------------------------------------


def test_results_are_cached_by_tex_and_mode(renderer):
    first = renderer.render([("x^2", False), ("x^2", True)])
    process = renderer.service.process
    again = renderer.render([("x^2", True), ("x^2", False)])
    assert again == [first[1], first[0]]
    assert first[0].html != first[1].html
    assert renderer.service.process is process


def test_a_dead_process_is_started_again(renderer):
    renderer.render([("a", False)])
    renderer.service.process.kill()
    renderer.service.process.wait()
    assert renderer.render([("\\sqrt{2}", False)])[0].html.startswith("<math")


def test_missing_node_is_a_clear_set_up_error(tmp_path):
    with pytest.raises(RendererUnavailable, match=r"Node.js \('no-such-node'\) is not on PATH.*npm ci"):
        MathRenderer(ROOT, node="no-such-node").render([("x", False)])


def test_missing_renderer_package_asks_for_npm_ci(tmp_path):
    with pytest.raises(RendererUnavailable, match=r"temml is missing .* run `npm ci`"):
        MathRenderer(tmp_path).render([("x", False)])


def test_scriptlevel_moves_onto_an_mstyle_that_validators_accept():
    mathml = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac>'
        '<mi scriptlevel="2" style="math-depth:2;">β</mi><mrow scriptlevel="2"><mi>α</mi></mrow></mfrac></math>'
    )
    assert valid_mathml(mathml) == (
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac>'
        '<mstyle scriptlevel="2"><mi style="math-depth:2;">β</mi></mstyle>'
        '<mstyle scriptlevel="2"><mrow><mi>α</mi></mrow></mstyle></mfrac></math>'
    )
    assert valid_mathml("<math><mi>x</mi></math>") == "<math><mi>x</mi></math>"
    assert valid_mathml('<math display="block"><mi scriptlevel="1">x</mi></math>') == (
        '<math display="block"><mstyle scriptlevel="1"><mi>x</mi></mstyle></math>'
    )
