"""Cards kept by content digest, so a rebuild draws only the cards whose text, fonts or drawing code changed.

The digest covers the card's text, the font packages' versions, the source of the modules that
decide the pixels, and the Pillow and BudouX versions. The cache folder is git-ignored.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

import budoux
import PIL
from PIL import Image, features

from . import cards, fonts, phrases
from .cards import CardText, draw_card, png_bytes
from .fonts import FontStack

CACHE_FOLDER = ".cache/cards"  # under the project root
THUMBNAIL_WIDTH = 480  # listing cards show the card at up to 240 CSS pixels: 2x for dense screens
FLAT_COLOURS = 64  # enough for a drawn card's palette and the anti-aliased edges of its text
PART_SUFFIX = ".part"  # an image still being written


def _source_digest() -> str:
    digest = hashlib.sha256()
    for module in (cards, fonts, phrases):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


DRAWING_CODE = _source_digest()


def card_digest(card: CardText, font_stack: FontStack) -> str:
    facts = {
        "card": asdict(card),
        "byline": card.byline,  # joined with the language's separator from the labels table
        "fonts": font_stack.identity,
        "code": DRAWING_CODE,
        "pillow": PIL.__version__,
        "budoux": budoux.__version__,
        "raqm": features.check_feature("raqm"),  # text shaping: kerning differs without it
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def _write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a concurrent build never reads half a PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=PART_SUFFIX)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def cached_card(card: CardText, font_stack: FontStack, cache_dir: Path) -> Path:
    """The card's PNG in the cache, drawn only when no card with the same digest is there."""
    path = cache_dir / f"{card_digest(card, font_stack)}.png"
    if not path.is_file():
        _write_atomically(path, png_bytes(draw_card(card, font_stack)))
    return path


def cached_thumbnail(source: Path, cache_dir: Path, width: int = THUMBNAIL_WIDTH, flat: bool = False) -> tuple[Path, int, int]:
    """A smaller copy of a card or of a post's own image for listings: its path, width and height.

    Keyed by the source's bytes, so it follows the source; PNG stays PNG, anything else becomes JPEG.
    A `flat` image (a drawn card: a few solid colours and text) keeps FLAT_COLOURS colours, a third of
    the bytes, which a listing page loads several times over.
    """
    data = source.read_bytes()
    digest = hashlib.sha256(data + f"/{width}{'/flat' if flat else ''}".encode()).hexdigest()[:32]
    with Image.open(io.BytesIO(data)) as image:
        height = round(image.height * width / image.width)
        is_png = image.format == "PNG"
        path = cache_dir / f"{digest}-{width}.{'png' if is_png else 'jpg'}"
        if not path.is_file():
            opaque = Image.new("RGBA", image.size, "white")
            opaque.alpha_composite(image.convert("RGBA"))  # transparent areas on white, as the page shows them
            small = opaque.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
            if flat and is_png:
                small = small.quantize(colors=FLAT_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            buffer = io.BytesIO()
            small.save(buffer, "PNG" if is_png else "JPEG", quality=85, optimize=True)
            _write_atomically(path, buffer.getvalue())
    return path, width, height


def prune_cache(cache_dir: Path, keep: set[Path]) -> int:
    """Delete cached images the last full build did not use; return how many were deleted.

    Another build of the same project may be running: the images it is still writing (`.part`) stay,
    and an image it has just deleted is not an error.
    """
    if not cache_dir.is_dir():
        return 0
    removed = 0
    for path in cache_dir.iterdir():
        if path.is_file() and path.suffix != PART_SUFFIX and path not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
