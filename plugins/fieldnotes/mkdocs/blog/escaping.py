"""Which templates escape what they print: ours (the theme's custom_dir) do, Material's keep its settings.

Jinja decides per template when it compiles it. A block of Material's rendered inside one of ours
(`super()`) comes back as markup, and an `include` writes its output as it is, so Material's
templates and icons are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def our_templates(custom_dir: str | None) -> Callable[[str | None], bool]:
    names = set()
    if custom_dir:
        root = Path(custom_dir)
        names = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.suffix in (".html", ".xml")}
    return lambda name: name in names
