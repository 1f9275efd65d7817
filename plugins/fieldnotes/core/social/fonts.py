"""The card fonts: variable fonts from fontsource packages, each split into slices by Unicode range.

A fontsource package ships one font as many small WOFF2 files and lists the characters of each in
`unicode.json`. Text is drawn in runs, each run in the first slice (of the first package) that has
its characters, so a title mixing kana, kanji and Latin letters needs no merged font file. Nothing
is downloaded: the packages come from the project's `npm ci`.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

# Noto Sans JP draws Japanese and Latin; Noto Sans adds the Greek letters Noto Sans JP's slices leave out.
CARD_FONT_PACKAGES = ("@fontsource-variable/noto-sans-jp", "@fontsource-variable/noto-sans")


class FontError(Exception):
    """A font package is missing or is not a fontsource variable-font package."""


@dataclass(frozen=True)
class Slice:
    path: Path
    starts: tuple[int, ...]  # sorted first code points of the slice's ranges
    ends: tuple[int, ...]

    def covers(self, char: str) -> bool:
        index = bisect_right(self.starts, ord(char)) - 1
        return index >= 0 and ord(char) <= self.ends[index]


def parse_unicode_range(value: str) -> list[tuple[int, int]]:
    """`U+25ee8,U+26ff6-26ff8` as [(first, last), ...]; wildcards (`U+4??`) are not used by fontsource."""
    ranges = []
    for part in value.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return sorted(ranges)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FontError(f"{path.parent}: not an installed fontsource package ({error}); run `npm ci`") from error


def package_identity(directory: Path) -> str:
    package = _read_json(directory / "package.json")
    return f"{package['name']}@{package['version']}"


def read_slices(directory: Path) -> list[Slice]:
    """The package's weight-axis slices, named subsets (latin, ...) before numbered ones."""
    font_id = _read_json(directory / "metadata.json")["id"]
    subsets = _read_json(directory / "unicode.json")
    slices = []
    for key, value in sorted(subsets.items(), key=lambda item: (item[0].startswith("["), _slice_number(item[0]))):
        path = directory / "files" / f"{font_id}-{key.strip('[]')}-wght-normal.woff2"
        if not path.is_file():
            raise FontError(f"{path}: missing from the font package; run `npm ci`")
        ranges = parse_unicode_range(value)
        slices.append(Slice(path, tuple(r[0] for r in ranges), tuple(r[1] for r in ranges)))
    return slices


def _slice_number(key: str) -> int:
    return int(key.strip("[]")) if key.startswith("[") else 0


@lru_cache(maxsize=1024)
def _font(path: Path, size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(path), size)
    font.set_variation_by_axes([weight])
    return font


class FontStack:
    """The slices of several font packages, searched in order for each character."""

    def __init__(self, packages: list[Path]) -> None:
        self.packages = packages
        self.identity = " ".join(package_identity(directory) for directory in packages)  # part of every card's cache key
        self._slices: list[Slice] | None = None  # read on first use: a rebuild whose cards are all cached never needs them
        self._owner: dict[str, Slice | None] = {}

    @property
    def slices(self) -> list[Slice]:
        if self._slices is None:
            self._slices = [piece for directory in self.packages for piece in read_slices(directory)]
        return self._slices

    def slice_for(self, char: str) -> Slice | None:
        if char not in self._owner:
            self._owner[char] = next((s for s in self.slices if s.covers(char)), None)
        return self._owner[char]

    def runs(self, text: str) -> list[tuple[str, Slice]]:
        """`text` cut into runs of one slice each; a run keeps its slice while that slice has the next character.

        A character no package has (an emoji, say) is left out rather than drawn as an empty box.
        """
        runs: list[tuple[str, Slice]] = []
        for char in text:
            if runs and runs[-1][1].covers(char):
                runs[-1] = (runs[-1][0] + char, runs[-1][1])
                continue
            owner = self.slice_for(char)
            if owner is not None:
                runs.append((char, owner))
        return runs

    def width(self, text: str, size: int, weight: int) -> float:
        return sum(_font(owner.path, size, weight).getlength(run) for run, owner in self.runs(text))

    def draw(self, canvas: ImageDraw.ImageDraw, x: float, baseline: float, text: str, size: int, weight: int, fill) -> float:
        """Draw `text` with its left end at `x` on `baseline`; return the x where it ends."""
        for run, owner in self.runs(text):
            font = _font(owner.path, size, weight)
            canvas.text((x, baseline), run, font=font, fill=fill, anchor="ls")
            x += font.getlength(run)
        return x


def card_fonts(node_modules: Path) -> FontStack:
    """The card fonts as `npm ci` installs them under the project's node_modules/."""
    return FontStack([node_modules / name for name in CARD_FONT_PACKAGES])
