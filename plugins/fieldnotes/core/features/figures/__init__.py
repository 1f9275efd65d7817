"""Numbered figures and tables: `/// figure | fig-id` and `/// table | tbl-id` blocks, `[](#fig-id)`
references, each figure drawn for the page's language in both colour schemes, and a full-screen view."""

from __future__ import annotations

from pathlib import Path

from ...content_policy import Allowlist
from ..feature import Asset, Feature, Inventory
from .feed import FigureFallback
from .markdown import FigureExtension, figure_ids, figure_lines

ASSETS = Path(__file__).with_name("assets")


def _inventory(body: str, first_line: int) -> list[Inventory]:
    return [Inventory("figure and table ids", tuple(zip(figure_lines(body, first_line), figure_ids(body))))]


FEATURE = Feature(
    name="figures",
    markup=Allowlist.of(figure="data-fn-figure data-fn-zoom", img="loading decoding", div="", span=""),
    extensions=lambda context: [FigureExtension(context)],
    used=lambda page_html: "data-fn-figure=" in page_html,
    assets=(
        Asset("assets/figures/figures.css", ASSETS / "figures.css", link="stylesheet"),
        Asset("assets/figures/figures.js", ASSETS / "figures.js", link="script", data={"close": "zoom_close"}),
    ),
    feed={("data-fn-figure", "figure"): FigureFallback},
    inventory=_inventory,
    text_keys=(
        "figure_caption",
        "figure_reference",
        "figure_zoom",
        "table_caption",
        "table_reference",
        "table_zoom",
        "zoom_close",
    ),
)
