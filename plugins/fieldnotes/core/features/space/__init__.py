"""Hugging Face Spaces: the ```space block, a light facade that becomes the Space's frame on a click."""

from __future__ import annotations

from pathlib import Path

from ...content_policy import Allowlist
from ..feature import Asset, Feature, Fence
from ..fence_inventory import fence_inventory
from .feed import SpaceFallback
from .fence import check_space, render_space

ASSETS = Path(__file__).with_name("assets")
TRANSLATABLE = frozenset({"title"})

FEATURE = Feature(
    name="Spaces",
    markup=Allowlist.of(figure="data-fn-embed data-src data-title data-allow", div="style", button="type"),
    fences=(
        Fence(
            "space",
            "fn-space",
            check=lambda source, context: check_space(source),
            render=lambda options, context: render_space(options, context.text),
            translatable=TRANSLATABLE,
        ),
    ),
    used=lambda page_html: 'data-fn-embed="space"' in page_html,
    assets=(
        Asset("assets/space/space.css", ASSETS / "space.css", link="stylesheet"),
        Asset("assets/space/space.js", ASSETS / "space.js", link="script"),
    ),
    feed={("data-fn-embed", "space"): SpaceFallback},
    inventory=fence_inventory("space", "Spaces (```space blocks, all but their title)", TRANSLATABLE),
    csp={"frame-src": ("https://*.hf.space",)},
    text_keys=("space_load", "space_note", "space_link", "embed_space"),
    hints={"iframe": "use a ```space block for a Hugging Face Space"},
)
