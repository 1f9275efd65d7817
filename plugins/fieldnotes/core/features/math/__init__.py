"""Mathematics typeset at build time: TeX recognised by pymdownx.arithmatex, MathML from Temml.

`typeset_page` turns a page's formulas into MathML with a TeX annotation, numbers the labelled
ones and fills in `[](#eq-id)` references; `MathRenderer` runs the one Node process behind it;
`math_inventory` counts a post's formulas and equation ids for translation parity. Nothing here
imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from pymdownx.arithmatex import ArithmatexExtension

from ..feature import Feature, Inventory, PageContext, PassResult
from .assets import MATH_ASSETS
from .inventory import ARITHMATEX_CONFIG, formulas_written, math_inventory
from .markup import MATH_MARKUP
from .page import has_formulas, typeset_page
from .renderer import MathRenderer


def _typeset(page_html: str, context: PageContext, renderer: MathRenderer) -> PassResult:
    if not has_formulas(page_html):
        return PassResult(page_html)
    result = typeset_page(page_html, context.source, renderer, context.text("equation"))
    return PassResult(result.html, anchors=tuple(result.equation_ids), problems=tuple(result.problems))


def _inventory(body: str, first_line: int) -> list[Inventory]:
    found = math_inventory(body, first_line)
    return [
        Inventory("formulas", tuple((None, "formula") for _ in range(found.formula_count)), count_only=True),
        Inventory("equation ids", tuple(zip(found.equation_lines, found.equation_ids))),
    ]


FEATURE = Feature(
    name="mathematics",
    markup=MATH_MARKUP,
    extensions=lambda context: [ArithmatexExtension(**ARITHMATEX_CONFIG)],
    page_pass=_typeset,
    used=lambda page_html: 'class="fn-math' in page_html,
    assets=MATH_ASSETS,
    inventory=_inventory,
    kept=formulas_written,
    text_keys=("equation",),
    session=lambda root: MathRenderer(Path(root)),
)
