"""Mathematics typeset at build time: TeX recognised by pymdownx.arithmatex, MathML from Temml.

`typeset_page` turns a page's formulas into MathML with a TeX annotation, numbers the labelled
ones and fills in `[](#eq-id)` references; `MathRenderer` runs the one Node process behind it;
`math_inventory` counts a post's formulas and equation ids for translation parity. Nothing here
imports MkDocs.
"""

from ..source_lines import MarkdownSource
from .inventory import ARITHMATEX_CONFIG, MathInventory, math_inventory
from .page import TypesetPage, has_formulas, typeset_page
from .renderer import MathRenderer, Rendered, RendererUnavailable

__all__ = [
    "ARITHMATEX_CONFIG",
    "MarkdownSource",
    "MathInventory",
    "MathRenderer",
    "Rendered",
    "RendererUnavailable",
    "TypesetPage",
    "has_formulas",
    "math_inventory",
    "typeset_page",
]
