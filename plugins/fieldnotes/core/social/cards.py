"""The social card of a post in one language: a 1200×630 PNG in the site's indigo palette.

Site name at the top, the title as large as it fits (shrunk, then cut with an ellipsis at a phrase
boundary), authors and date, then the tags in a band at the bottom.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw

from .fonts import FontStack
from .phrases import break_units, split_words

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
# Material for MkDocs' indigo primary and its dark shade, indigo 50 for the byline, and a chip colour between the
# primary and the indigo accent. White on them: 6.9, 8.9 and 5.4 to 1; the byline on the primary 5.7 to 1.
PRIMARY = (0x40, 0x51, 0xB5)
PRIMARY_DARK = (0x30, 0x3F, 0xA1)
LIGHT_TEXT = (0xE8, 0xEA, 0xF6)
TAG_FILL = (0x52, 0x63, 0xC2)
WHITE = (0xFF, 0xFF, 0xFF)
BOLD, REGULAR = 700, 400
TITLE_SIZES = (68, 60, 52, 46)  # tried largest first
TITLE_TOP, TITLE_BOTTOM = 136, 440
LINE_HEIGHT = 1.28
ELLIPSIS = "…"
SITE_SIZE, META_SIZE, TAG_SIZE = 30, 30, 26
BAND_TOP = 530
# Flat colours and anti-aliased text: 64 colours look the same and make the PNG about a third as large.
PNG_COLOURS = 64


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class CardText:
    """Everything a card shows, already in the card's language (the date is localized by the caller).

    `labels` is the interface text of that language: its list separator, the wording of the image's
    alternative text, and `phrase_model`, how its titles may break."""

    labels: tuple[tuple[str, str], ...]
    title: str
    site_name: str
    authors: tuple[str, ...] = ()
    date_text: str = ""
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, labels: dict[str, str], title: str, site_name: str, **values) -> CardText:
        """A card's text, each piece on one line: the shaper cannot lay out line breaks or separators."""
        keys = ("list_separator", "card_alt", "site_card_alt", "phrase_model")
        for name in ("authors", "tags"):
            values[name] = tuple(_one_line(value) for value in values.get(name, ()))
        return cls(tuple((key, labels[key]) for key in keys), _one_line(title), _one_line(site_name), **values)

    def label(self, key: str) -> str:
        return dict(self.labels)[key]

    @property
    def phrase_model(self) -> str:
        return self.label("phrase_model")

    @property
    def byline(self) -> str:
        names = self.label("list_separator").join(self.authors)
        return " · ".join(part for part in (names, self.date_text) if part)

    @property
    def alt(self) -> str:
        """Alternative text of the card image, for og:image:alt and the listing cards."""
        if not self.authors:
            return self.label("site_card_alt").format(site=self.site_name, tagline=self.title)
        return self.label("card_alt").format(
            title=self.title, authors=self.label("list_separator").join(self.authors), site=self.site_name
        )


@dataclass(frozen=True)
class TitleLayout:
    size: int
    lines: tuple[str, ...]


def _line_groups(units: list[str], fits: Callable[[str], bool]) -> list[list[str]]:
    """Units gathered greedily into lines; a unit wider than a line still gets a line of its own."""
    groups: list[list[str]] = []
    rest = units
    while rest:
        count = 1
        while count < len(rest) and fits("".join(rest[: count + 1]).strip()):
            count += 1
        groups.append(rest[:count])
        rest = rest[count:]
    return groups


def _joined(group: list[str]) -> str:
    return "".join(group).strip()


def _ellipsize(units: list[str], fits: Callable[[str], bool]) -> str:
    """As many whole units as fit before an ellipsis."""
    for count in range(len(units), 0, -1):
        line = _joined(units[:count]) + ELLIPSIS
        if fits(line):
            return line
    return ELLIPSIS


def _refined(units: list[str], fits: Callable[[str], bool], split: Callable[[str], list[str]]) -> list[str]:
    """Units as they are, except those wider than a line, which are split."""
    return [piece for unit in units for piece in ([unit] if fits(unit.strip()) else split(unit))]


def fit_title(title: str, phrase_model: str, fonts: FontStack) -> TitleLayout:
    """The largest title size at which the whole title fits; at the smallest size, as much as fits.

    Lines break between units at any size before a unit wider than a line (a Latin title BudouX leaves
    in one phrase) may break at its spaces.
    """
    units = break_units(title, phrase_model)
    for split in (None, split_words):
        for size in TITLE_SIZES:

            def fits(text: str, size: int = size) -> bool:
                return fonts.width(text, size, BOLD) <= TEXT_WIDTH

            pieces = _refined(units, fits, split) if split else units
            lines = [_joined(group) for group in _line_groups(pieces, fits)]
            if len(lines) <= _max_lines(size) and all(fits(line) for line in lines):
                return TitleLayout(size, tuple(lines))
    most = _max_lines(size)
    # Only a word wider than a whole line is cut, character by character: there is no better place for it.
    pieces = _refined(_refined(units, fits, split_words), fits, list)
    groups = _line_groups(pieces, fits)
    lines = [_joined(group) for group in groups[:most]]
    if len(groups) > most:
        lines[-1] = _ellipsize([unit for group in groups[most - 1 :] for unit in group], fits)
    return TitleLayout(size, tuple(lines))


def _max_lines(size: int) -> int:
    return int((TITLE_BOTTOM - TITLE_TOP) // (size * LINE_HEIGHT))


def _fit_line(text: str, fonts: FontStack, size: int, weight: int, width: float) -> str:
    if fonts.width(text, size, weight) <= width:
        return text
    while text and fonts.width(text + ELLIPSIS, size, weight) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _draw_tags(canvas: ImageDraw.ImageDraw, tags: tuple[str, ...], fonts: FontStack) -> None:
    """Tag chips in the bottom band, left to right, as many as fit on one row."""
    x, top, pad_x, height = MARGIN, BAND_TOP + 26, 18, 46
    for tag in tags:
        width = fonts.width(tag, TAG_SIZE, REGULAR) + 2 * pad_x
        if x + width > WIDTH - MARGIN:
            break
        canvas.rounded_rectangle((x, top, x + width, top + height), radius=height // 2, fill=TAG_FILL)
        fonts.draw(canvas, x + pad_x, top + 32, tag, TAG_SIZE, REGULAR, WHITE)
        x += width + 14


def draw_card(card: CardText, fonts: FontStack) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), PRIMARY)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, BAND_TOP, WIDTH, HEIGHT), fill=PRIMARY_DARK)
    canvas.rectangle((MARGIN, 58, MARGIN + 44, 64), fill=WHITE)
    fonts.draw(canvas, MARGIN, 104, _fit_line(card.site_name, fonts, SITE_SIZE, BOLD, TEXT_WIDTH), SITE_SIZE, BOLD, WHITE)
    layout = fit_title(card.title, card.phrase_model, fonts)
    step = layout.size * LINE_HEIGHT
    # The block of lines sits in the middle of the title area, so a short title does not leave a gap below it.
    block = layout.size + step * (len(layout.lines) - 1)
    baseline = TITLE_TOP + (TITLE_BOTTOM - TITLE_TOP - block) / 2 + layout.size * 0.9
    for line in layout.lines:
        fonts.draw(canvas, MARGIN, baseline, line, layout.size, BOLD, WHITE)
        baseline += step
    if card.byline:
        byline = _fit_line(card.byline, fonts, META_SIZE, REGULAR, TEXT_WIDTH)
        fonts.draw(canvas, MARGIN, BAND_TOP - 36, byline, META_SIZE, REGULAR, LIGHT_TEXT)
    _draw_tags(canvas, card.tags, fonts)
    return image


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG")
    return buffer.getvalue()
