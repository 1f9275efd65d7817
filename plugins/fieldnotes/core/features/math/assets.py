"""The stylesheet and font that pages with mathematics load, written into the built site.

One stylesheet: Temml's own rules for MathML in browsers (Temml-Local.css, which uses the
reader's installed math fonts and needs no download) followed by ours. Temml.woff2 (about 9 kB)
only draws primes and \\mathscr, and is fetched only by a page that has them.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..feature import Asset

OUR_STYLESHEET = Path(__file__).with_name("math.css")
COPY_AS_TEX = Path(__file__).parent / "assets" / "math.js"
TEMML = Path("node_modules/temml")  # pinned in package-lock.json
SITE_FOLDER = "assets/math/"
# Classes in Temml's output whose glyphs come from Temml.woff2.
FONT_CLASSES = ('class="tml-prime', 'class="mathscr')


def uses_font(page_html: str) -> bool:
    return any(name in page_html for name in FONT_CLASSES)


def stylesheet(root: Path) -> bytes:
    """Temml's stylesheet for MathML in browsers, then ours, with Temml's version and licence named."""
    package = root / TEMML
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    return (
        f"/* Temml {version} Temml-Local.css (MIT licence, see LICENSE-temml.txt), then ML Field Notes' rules. */\n"
        + (package / "dist" / "Temml-Local.css").read_text(encoding="utf-8")
        + "\n"
        + OUR_STYLESHEET.read_text(encoding="utf-8")
    ).encode("utf-8")


MATH_ASSETS = (
    Asset(SITE_FOLDER + "math.css", stylesheet, link="stylesheet"),
    # Fetched with the stylesheet instead of when the first prime is laid out: no late reflow.
    Asset(SITE_FOLDER + "Temml.woff2", TEMML / "dist" / "Temml.woff2", link="font", when=uses_font),
    Asset(SITE_FOLDER + "LICENSE-temml.txt", TEMML / "LICENSE"),
    # Copying text with formulas gives their TeX.
    Asset(SITE_FOLDER + "math.js", COPY_AS_TEX, link="script"),
)
