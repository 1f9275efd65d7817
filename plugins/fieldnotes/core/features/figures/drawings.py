"""Which files show a figure: the drawing of the page's language in each colour scheme, or one picture.

An author writes `assets/<slug>/isoflop.svg`; the scripts in scripts/figures/ draw
`isoflop.<lang>.light.svg` and `isoflop.<lang>.dark.svg` for every language of the site. If the
figure has any variant, the page's language must have both; a name with no variant at all is one
picture for every language and scheme (a photograph, a screenshot).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SCHEMES = ("light", "dark")  # Material's default and slate palettes, by their #only- image suffixes
LENGTH_RE = re.compile(r"^\s*([\d.]+)\s*(px|pt)?\s*$")
PX_PER = {"px": 1.0, "pt": 4 / 3, None: 1.0}
SVG_SIZE_RE = re.compile(rb"<svg\b[^>]*?\swidth=\"([^\"]+)\"[^>]*?\sheight=\"([^\"]+)\"", re.DOTALL)


@dataclass(frozen=True)
class Drawing:
    images: tuple[tuple[str, str | None], ...]  # (path as the author wrote it, scheme or None)
    size: tuple[int, int] | None  # CSS pixels, so the page keeps the room before the image arrives


def variant(path: str, lang: str, scheme: str) -> str:
    stem, suffix = posixpath.splitext(path)
    return f"{stem}.{lang}.{scheme}{suffix}"


def find_drawing(path: str, lang: str, file: Callable[[str], Path | None]) -> Drawing | str:
    """The images of the figure at `path` (relative to the post), or what is missing."""
    wanted = {scheme: variant(path, lang, scheme) for scheme in SCHEMES}
    present = {scheme: file(candidate) for scheme, candidate in wanted.items()}
    if all(present.values()):
        return Drawing(tuple((wanted[scheme], scheme) for scheme in SCHEMES), image_size(present[SCHEMES[0]]))
    # One scheme drawn is enough to know: the build's resolver knows files only, so the folder may not be listed.
    if any(present.values()) or _is_drawn(path, file):
        missing = " and ".join(wanted[scheme] for scheme, found in present.items() if not found)
        return f"the figure is not drawn for this language and colour scheme: no {missing} (run `make figures`)"
    single = file(path)
    if single is None:
        return f"there is no {path}, and no drawing of it such as {wanted['light']}"
    return Drawing(((path, None),), image_size(single))


def _is_drawn(path: str, file: Callable[[str], Path | None]) -> bool:
    """Whether the scripts draw the figure for some language (then every language needs its drawings)."""
    folder = file(posixpath.dirname(path))
    stem, suffix = posixpath.splitext(posixpath.basename(path))
    pattern = re.compile(rf"{re.escape(stem)}\.[\w-]+\.(?:{'|'.join(SCHEMES)}){re.escape(suffix)}")
    return folder is not None and folder.is_dir() and any(pattern.fullmatch(entry.name) for entry in folder.iterdir())


def image_size(path: Path) -> tuple[int, int] | None:
    """The size a browser gives the image, in CSS pixels: an SVG's width and height, a raster image's pixels."""
    if path.suffix.lower() == ".svg":
        match = SVG_SIZE_RE.search(path.read_bytes()[:4096])
        if not match:
            return None
        sizes = [LENGTH_RE.match(value.decode()) for value in match.groups()]
        if not all(sizes):
            return None
        return tuple(round(float(size[1]) * PX_PER[size[2]]) for size in sizes)  # type: ignore[return-value]
    from PIL import Image  # raster figures are rare: Pillow is read only for them

    with Image.open(path) as image:
        return image.size
