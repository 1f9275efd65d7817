"""Where a card title may break: between BudouX phrases in a language written without spaces
(Japanese, Chinese, Thai), between words elsewhere. The language's interface text names the model.

A line of a card is a run of whole units; units are never cut while the title fits the card.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import budoux

# BudouX's models, by the name a language's interface text gives as `phrase_model`.
PHRASE_MODELS = {
    "budoux-ja": budoux.load_default_japanese_parser,
    "budoux-zh-hans": budoux.load_default_simplified_chinese_parser,
    "budoux-zh-hant": budoux.load_default_traditional_chinese_parser,
    "budoux-th": budoux.load_default_thai_parser,
}
# Japanese line-breaking rules (kinsoku): these never start a line, those never end one.
NO_LINE_START = set("、。，．,.:;：；？！?!）)]｝}」』】〕〉》ー…‥・ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_LINE_END = set("（([｛{「『【〔〈《")
WORDS_RE = re.compile(r"\s*\S+\s*")


@cache
def _parser(model: str):
    return PHRASE_MODELS[model]()


def _in_word(char: str) -> bool:
    """A letter or digit of a script written with spaces between words (not a wide CJK character)."""
    return char.isalnum() and unicodedata.east_asian_width(char) not in ("W", "F")


def _must_join(before: str, after: str) -> bool:
    return (
        (_in_word(before[-1]) and _in_word(after[0]))  # BudouX may cut inside a Latin word ("QLo|RA")
        or after[0] in NO_LINE_START
        or before[-1] in NO_LINE_END
    )


def break_units(text: str, model: str) -> list[str]:
    """The title as the pieces a line break may fall between; joined, they give back `text` (spaces collapsed).
    `model` is a key of PHRASE_MODELS, or "" for a language that puts spaces between words."""
    text = " ".join(text.split())
    pieces = _parser(model).parse(text) if model else split_words(text)
    units: list[str] = []
    for piece in pieces:
        if units and _must_join(units[-1], piece):
            units[-1] += piece
        else:
            units.append(piece)
    return units


def split_words(text: str) -> list[str]:
    """`text` cut at its spaces, each piece keeping the spaces around it: for a phrase too wide for a line."""
    return WORDS_RE.findall(text)
