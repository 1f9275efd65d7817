"""What mathematics a post holds, for translation parity: how many formulas, which equation ids.

The Markdown goes through the same recognition as the build (arithmatex, with the block
extensions that can hold a formula), so `$5`, `\\$`, code spans and fences count exactly as
they do on the site.
"""

from __future__ import annotations

from dataclasses import dataclass

import markdown

from ...source_lines import MarkdownSource
from .formulas import Formula, find_formulas

ARITHMATEX_CONFIG = {
    "generic": True,
    "smart_dollar": True,
    # Bare TeX inside arithmatex's elements: nothing to strip before it reaches the renderer.
    "tex_inline_wrap": ["", ""],
    "tex_block_wrap": ["", ""],
}
# The site's Markdown extensions that decide what is prose, code or a block that holds prose.
CONTAINER_EXTENSIONS = [
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
]


@dataclass(frozen=True)
class MathInventory:
    formula_count: int
    equation_ids: list[str]  # labels of display formulas, in order
    equation_lines: list[int | None]  # line of each labelled formula, counted as `first_line` says


def _formulas(markdown_text: str) -> list[Formula]:
    converter = markdown.Markdown(
        extensions=[*CONTAINER_EXTENSIONS, "pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": ARITHMATEX_CONFIG},
    )
    return find_formulas(converter.convert(markdown_text))


def formulas_written(paragraph: str) -> list[str]:
    """Each formula of a paragraph as a translation writes it: `$...$` inline, `$$...$$` on a line of its own."""
    return [f"$${formula.tex}$$" if formula.display else f"${formula.tex}$" for formula in _formulas(paragraph)]


def math_inventory(body: str, first_line: int = 1) -> MathInventory:
    """Formulas of a post's Markdown body; `first_line` is the file line the body starts on."""
    formulas = _formulas(body)
    source = MarkdownSource("", body, first_line - 1)
    ids, lines = [], []
    for formula in formulas:
        line = source.next_formula_line(formula.tex, formula.display)
        for label in formula.labels:
            ids.append(label)
            lines.append(line)
    return MathInventory(len(formulas), ids, lines)
