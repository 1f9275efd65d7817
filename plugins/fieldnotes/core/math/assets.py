"""The stylesheet and font that pages with mathematics load, written into the built site.

One stylesheet: Temml's own rules for MathML in browsers (Temml-Local.css, which uses the
reader's installed math fonts and needs no download) followed by ours. Temml.woff2 (about 9 kB)
only draws primes and \\mathscr, and is fetched only by a page that has them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

OUR_STYLESHEET = Path(__file__).with_name("math.css")
SITE_FOLDER = "assets/math/"
STYLESHEET = "math.css"
FONT = "Temml.woff2"
# Classes in Temml's output whose glyphs come from Temml.woff2.
FONT_CLASSES = ('class="tml-prime', 'class="mathscr')


def uses_font(page_html: str) -> bool:
    return any(name in page_html for name in FONT_CLASSES)


def write_assets(package_dir: Path, target: Path) -> None:
    """Write math.css, Temml.woff2 and Temml's licence into `target` (the site's assets/math/)."""
    dist = package_dir / "dist"
    version = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    target.mkdir(parents=True, exist_ok=True)
    stylesheet = (
        f"/* Temml {version} Temml-Local.css (MIT licence, see LICENSE-temml.txt), then ML Field Notes' rules. */\n"
        + (dist / "Temml-Local.css").read_text(encoding="utf-8")
        + "\n"
        + OUR_STYLESHEET.read_text(encoding="utf-8")
    )
    (target / STYLESHEET).write_text(stylesheet, encoding="utf-8")
    shutil.copyfile(dist / FONT, target / FONT)
    shutil.copyfile(package_dir / "LICENSE", target / "LICENSE-temml.txt")
