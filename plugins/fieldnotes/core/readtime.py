"""Reading time that is right for both scripts.

Material's readtime splits on non-word characters, which counts a Japanese paragraph as a
handful of "words". We count Japanese by characters and everything else by words.
"""

from __future__ import annotations

import math
import re

from .fences import without_fences

MARKUP_RE = re.compile(r"<!--.*?-->|!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|\{[^}\n]*#[^}\n]*\}|[#>*_`|\[\]]")
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f\u3005]")
WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-]*")

CJK_CHARS_PER_MINUTE = 500
WORDS_PER_MINUTE = 230


def prose_of(markdown: str) -> str:
    """The readable text of a Markdown body: code blocks, link targets and markup removed."""
    return MARKUP_RE.sub(" ", without_fences(markdown))


def reading_minutes(markdown: str) -> int:
    latin, cjk_chars = CJK_RE.subn(" ", prose_of(markdown))
    words = len(WORD_RE.findall(latin))
    return max(1, math.ceil(cjk_chars / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE))
