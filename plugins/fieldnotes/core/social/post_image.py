"""The `image:` front-matter key: a post's own social image in place of the generated card.

The value is a path relative to posts/, like every asset link of a post: `assets/<slug>/card.png`.
What is required is what the sites that show link previews ask for:
- PNG or JPEG (read from the file, not guessed from its name): every preview service reads both;
- at least 600×315 pixels, the smallest image Facebook still shows as a large preview;
- at most 4096 pixels a side and 5 MB, X's limits for summary_large_image;
- a width 1.8 to 2.1 times the height, between Facebook's 1.91:1 and X's 2:1, so neither crops much.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..problems import Problem

IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
MIN_WIDTH, MIN_HEIGHT = 600, 315
MAX_SIDE = 4096
MAX_BYTES = 5 * 1024 * 1024
RATIO = (1.8, 2.1)


@dataclass(frozen=True)
class PostImage:
    path: Path  # the file on disk
    site_path: str  # where the site serves it, from the site root: posts/assets/<slug>/...
    width: int
    height: int
    mime: str


def resolve_post_image(value: object, slug: str, posts_dir: Path, post_file: str, line: int) -> PostImage | Problem:
    """The checked image of a post, or the Problem with it (`post_file` and `line` locate the key)."""
    folder = f"assets/{slug}/"

    def problem(message: str) -> Problem:
        return Problem(post_file, line, f"'image': {message}", key="image")

    if not isinstance(value, str) or not value.strip():
        return problem(f"expected a path such as {folder}card.png, not {value!r}")
    relative = posixpath.normpath(value.strip())
    if "://" in value or value.strip().startswith("/") or not relative.startswith(folder):
        return problem(f"expected a file in posts/{folder} written as {folder}<file>, not {value!r}")
    path = posts_dir / relative
    if not path.is_file():
        return problem(f"there is no posts/{relative}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return problem(f"posts/{relative} is {size / 1024 / 1024:.1f} MB; social sites take at most 5 MB")
    try:
        with Image.open(path) as image:
            kind, width, height = image.format, image.width, image.height
    except (UnidentifiedImageError, OSError):
        return problem(f"posts/{relative} is not an image Pillow can read; use a PNG or JPEG file")
    if kind not in IMAGE_TYPES:
        return problem(f"posts/{relative} is a {kind} image; use PNG or JPEG, which every link preview shows")
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return problem(f"posts/{relative} is {width}×{height}; use at least {MIN_WIDTH}×{MIN_HEIGHT} (1200×630 is best)")
    if max(width, height) > MAX_SIDE:
        return problem(f"posts/{relative} is {width}×{height}; use at most {MAX_SIDE} pixels a side")
    if not RATIO[0] <= width / height <= RATIO[1]:
        return problem(
            f"posts/{relative} is {width}×{height} ({width / height:.2f}:1); "
            f"use a width {RATIO[0]} to {RATIO[1]} times the height, e.g. 1200×630"
        )
    return PostImage(path, f"posts/{relative}", width, height, IMAGE_TYPES[kind])
