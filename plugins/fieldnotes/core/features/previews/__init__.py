"""Previews of references: hovering, focusing or tapping a citation, a figure or table reference, an
equation reference or a footnote shows what it points at, in one small box. One component for every
kind of reference: it copies the link's target, so any feature's anchors get previews."""

from __future__ import annotations

import re
from pathlib import Path

from ..feature import Asset, Feature

ASSETS = Path(__file__).with_name("assets")
# Links to a target on the same page that the box can show (the script's selector says which).
REFERENCE_RE = re.compile(r'<a class="(?:fn-citation__work|fn-xref|footnote-ref)[" ]|<a href="#eq-')

FEATURE = Feature(
    name="previews",
    used=lambda page_html: bool(REFERENCE_RE.search(page_html)),
    assets=(
        Asset("assets/previews/previews.css", ASSETS / "previews.css", link="stylesheet"),
        Asset("assets/previews/previews.js", ASSETS / "previews.js", link="script", data={"go": "preview_go"}),
    ),
    text_keys=("preview_go",),
)
