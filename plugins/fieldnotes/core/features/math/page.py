"""Typeset the formulas of one page: number the labelled ones, render them all, fill in references."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...problems import Problem
from ...source_lines import MarkdownSource
from .formulas import Formula, authoring_problems, find_equation_links, find_formulas
from .markup import display_formula, equation_number, inline_formula, valid_mathml
from .renderer import MathRenderer

OPENING_PUNCTUATION = "([{“‘'\"（「『"
CLOSING_PUNCTUATION = ")]}.,;:!?”’'\"）」』。、，．：；"


@dataclass
class TypesetPage:
    html: str
    equation_ids: list[str] = field(default_factory=list)  # ids the page now has, in order
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_math(self) -> bool:
        return 'class="fn-math' in self.html


def has_formulas(page_html: str) -> bool:
    """A cheap test that lets pages without mathematics skip the rest."""
    return 'class="arithmatex"' in page_html or 'href="#eq-' in page_html


def typeset_page(
    page_html: str, load_source: Callable[[], MarkdownSource], renderer: MathRenderer, equation_name: str
) -> TypesetPage:
    """The page with its formulas typeset, or its problems; `load_source` is called only to name lines, and
    `equation_name` names a display formula to assistive technology."""
    formulas = find_formulas(page_html)
    pending: list[tuple[int | str, str]] = []  # (formula index, or text to find in the Markdown; message)

    numbers: dict[str, int] = {}
    broken = set()  # formulas that already broke a rule: that message, not the renderer's as well
    for index, formula in enumerate(formulas):
        for message in authoring_problems(formula):
            pending.append((index, message))
            broken.add(index)
        if formula.display and len(formula.labels) == 1:
            label = formula.labels[0]
            if label in numbers:
                pending.append((index, f"\\label{{{label}}} is used by two equations: equation ids are unique in an article"))
            else:
                numbers[label] = len(numbers) + 1

    links = find_equation_links(page_html)
    for link in links:
        if link.target not in numbers:
            pending.append((f"(#{link.target})", f"link to #{link.target}, but no equation has \\label{{{link.target}}}"))

    rendered = renderer.render([(formula.typeset_tex, formula.display) for formula in formulas])
    for index, (formula, result) in enumerate(zip(formulas, rendered)):
        if not result.ok and index not in broken:
            pending.append((index, f"{formula.shown} cannot be typeset: {result.error}"))
    if pending:
        return TypesetPage(page_html, problems=_located(pending, formulas, load_source()))

    replacements = []
    for formula, result in zip(formulas, rendered):
        markup = _formula_markup(formula, valid_mathml(result.html), numbers, equation_name)
        start, end = formula.start, formula.end
        if not formula.display:
            previous_end = replacements[-1][1] if replacements else 0
            start, end, markup = _glued(page_html, start, end, markup, previous_end)
        replacements.append((start, end, markup))
    for link in links:
        if link.empty:
            text = equation_number(numbers[link.target])
            replacements.append((link.start, link.end, f'<a href="#{link.target}"{link.attrs}>{text}</a>'))
    return TypesetPage(_replace(page_html, replacements), equation_ids=list(numbers))


def _located(pending: list[tuple[int | str, str]], formulas: list[Formula], source: MarkdownSource) -> list[Problem]:
    """Problems with the line of their formula (or of their text) in the Markdown, in line order."""
    lines = [source.next_formula_line(formula.tex, formula.display) for formula in formulas]
    problems = [
        Problem(source.path, lines[where] if isinstance(where, int) else source.find_line(where), message)
        for where, message in pending
    ]
    return sorted(problems, key=lambda problem: problem.line or 0)


def _formula_markup(formula: Formula, mathml: str, numbers: dict[str, int], equation_name: str) -> str:
    if not formula.display:
        return inline_formula(mathml)
    label = formula.labels[0] if formula.labels else None
    return display_formula(mathml, equation_name, label, numbers.get(label) if label else None)


def _glued(page_html: str, start: int, end: int, markup: str, previous_end: int) -> tuple[int, int, str]:
    """An inline formula with the brackets and punctuation that touch it, kept on one line.

    A formula is an atomic inline box, and CSS may break a line on either side of one: without
    this, "(" can end a line and the formula start the next. Characters already glued to the
    previous formula (`previous_end`) stay with it.
    """
    before = start
    while before > max(start - 2, previous_end) and page_html[before - 1] in OPENING_PUNCTUATION:
        before -= 1
    after = end
    while after < end + 3 and after < len(page_html) and page_html[after] in CLOSING_PUNCTUATION:
        after += 1
    if before == start and after == end:
        return start, end, markup
    glued = f'<span class="fn-math-glue">{page_html[before:start]}{markup}{page_html[end:after]}</span>'
    return before, after, glued


def _replace(text: str, replacements: list[tuple[int, int, str]]) -> str:
    parts, position = [], 0
    for start, end, new in sorted(replacements):
        parts += [text[position:start], new]
        position = end
    parts.append(text[position:])
    return "".join(parts)
