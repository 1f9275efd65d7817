"""Formulas as pymdownx.arithmatex leaves them in a page's HTML, and their equation labels.

Arithmatex (generic mode, empty wrappers) recognises the delimiters in Markdown, including its
smart-dollar rule, `\\$`, code spans and fences, and leaves `<span class="arithmatex">TeX</span>`
for inline formulas and `<div class="arithmatex">TeX</div>` for display ones, the TeX
HTML-escaped. Everything here works on that output.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property

ARITHMATEX_RE = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL)
LABEL_RE = re.compile(r"\\label\s*\{(?P<id>[^{}]*)\}")
LABEL_COMMAND_RE = re.compile(r"\\label(?![A-Za-z])")
EQUATION_ID_RE = re.compile(r"eq-[a-z0-9]+(?:-[a-z0-9]+)*")
# Custom macros would make a formula depend on another one; the renderer would accept them.
MACRO_DEFINITION_RE = re.compile(
    r"\\(?P<command>newcommand|renewcommand|providecommand|DeclareMathOperator|def|gdef|edef|xdef|let)(?![A-Za-z])"
)


@dataclass(frozen=True)
class Formula:
    tex: str  # what the author wrote between the delimiters, unescaped
    display: bool
    start: int  # span of arithmatex's element in the page HTML
    end: int

    @cached_property
    def labels(self) -> list[str]:
        return [match["id"] for match in LABEL_RE.finditer(self.tex)]

    @property
    def typeset_tex(self) -> str:
        """The TeX the renderer gets (and the annotation shows): the label is ours, not LaTeX's."""
        return LABEL_RE.sub("", self.tex).strip()

    @property
    def shown(self) -> str:
        """The formula as quoted in a message, shortened to one line."""
        text = " ".join(self.tex.split())
        text = text if len(text) <= 60 else text[:57] + "..."
        return f"$${text}$$" if self.display else f"${text}$"


def find_formulas(page_html: str) -> list[Formula]:
    return [
        Formula(html.unescape(match["tex"]).strip(), match["tag"] == "div", match.start(), match.end())
        for match in ARITHMATEX_RE.finditer(page_html)
    ]


def authoring_problems(formula: Formula) -> list[str]:
    """What breaks the authoring rules in one formula: a misplaced or malformed label, a custom macro."""
    labels = formula.labels
    problems = []
    if labels and not formula.display:
        problems.append(f"{formula.shown}: only display formulas ($$...$$) can carry a \\label")
    if len(labels) > 1:
        problems.append(f"{formula.shown}: one \\label per formula, found {len(labels)}")
    for label in labels:
        if not EQUATION_ID_RE.fullmatch(label):
            problems.append(
                f"\\label{{{label}}}: an equation id starts with 'eq-' and has lowercase letters, digits and "
                "single hyphens, e.g. \\label{eq-scaling-loss}"
            )
    if len(LABEL_COMMAND_RE.findall(formula.tex)) > len(labels):
        problems.append(f"{formula.shown}: write the label as \\label{{eq-some-id}}")
    macro = MACRO_DEFINITION_RE.search(formula.tex)
    if macro:
        problems.append(f"{formula.shown}: \\{macro['command']} is not allowed: no custom macros, write the formula out in full")
    return problems


# A link to an equation of the same page, as Markdown writes `[](#eq-id)` or `[text](#eq-id)`.
EQUATION_LINK_RE = re.compile(r'<a href="#(?P<id>eq-[^"]*)"(?P<attrs>[^>]*)>(?P<text>.*?)</a>', re.DOTALL)


@dataclass(frozen=True)
class EquationLink:
    target: str
    empty: bool  # `[](#eq-id)`: the link shows the equation's number
    start: int
    end: int
    attrs: str


def find_equation_links(page_html: str) -> list[EquationLink]:
    return [
        EquationLink(match["id"], not match["text"].strip(), match.start(), match.end(), match["attrs"])
        for match in EQUATION_LINK_RE.finditer(page_html)
    ]
