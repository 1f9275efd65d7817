"""Social cards: drawn from the fonts `npm ci` installs, wrapped at phrase boundaries, cached by digest."""

from __future__ import annotations

from itertools import accumulate

import budoux
import pytest
from PIL import Image, ImageChops, ImageStat

from fieldnotes.core.problems import Problem
from fieldnotes.core.social import card_cache
from fieldnotes.core.social.card_cache import cached_card, cached_thumbnail, card_digest, prune_cache
from fieldnotes.core.social.cards import HEIGHT, TEXT_WIDTH, WIDTH, CardText, draw_card, fit_title
from fieldnotes.core.social.fonts import CARD_FONT_PACKAGES, FontError, FontStack, card_fonts, parse_unicode_range
from fieldnotes.core.social.phrases import break_units
from fieldnotes.core.social.post_image import PostImage, resolve_post_image
from interface_text import labels
from sitebuilder import ROOT

EN = CardText.of(
    labels("en"),
    "4-bit NormalFloat and QLoRA: fine-tuning a 65B model on one GPU",
    "ML Field Notes",
    authors=("Hana Mori",),
    date_text="May 24, 2023",
    tags=("Quantization", "Fine-tuning", "LLMs"),
)
JA = CardText.of(
    labels("ja"),
    "4ビット NormalFloat と QLoRA：65B モデルを GPU 1枚でファインチューニングする",
    "ML Field Notes",
    authors=("森 華",),
    date_text="2023年5月24日",
    tags=("量子化", "ファインチューニング", "大規模言語モデル"),
)
JAPANESE_TITLES = [
    JA.title,
    "機械学習モデルに「忘れさせる」：再学習なしのアンラーニングと初の NeurIPS チャレンジ",
    "機械学習のバイアスを工程ごとに点検する：Hugging Face のバイアス特集を実務目線で読む",
    "20B モデルの RLHF を 24 GB GPU 1 枚で：trl + peft を支えるメモリ計算",
    "3Dmol.js を使った PDB ビューア（Simon Dürr さんによるオリジナルのデモ）",
]


@pytest.fixture(scope="module")
def fonts() -> FontStack:
    return card_fonts(ROOT / "node_modules")


def test_card_is_1200_by_630_and_not_blank(fonts):
    image = draw_card(EN, fonts)
    assert image.size == (WIDTH, HEIGHT) == (1200, 630)
    extremes = ImageStat.Stat(image.convert("L")).extrema[0]
    assert extremes[1] - extremes[0] > 150  # white text on indigo, not a flat fill
    title_area = image.crop((80, 140, 1120, 430)).convert("L")
    white = sum(title_area.histogram()[231:])
    assert white > 5_000  # the title was drawn


def test_english_and_japanese_cards_differ(fonts):
    english, japanese = draw_card(EN, fonts), draw_card(JA, fonts)
    difference = ImageChops.difference(english, japanese).convert("L")
    assert difference.getbbox() is not None
    changed = sum(difference.histogram()[65:])
    assert changed > 10_000


@pytest.mark.parametrize("title", JAPANESE_TITLES)
def test_japanese_lines_end_only_between_budoux_phrases(fonts, title):
    flat = " ".join(title.split())
    phrase_ends = set(accumulate(len(phrase) for phrase in budoux.load_default_japanese_parser().parse(flat)))
    layout = fit_title(title, "budoux-ja", fonts)
    assert len(layout.lines) > 1
    assert "".join(layout.lines).replace(" ", "") == flat.replace(" ", "")
    cursor = 0
    for line in layout.lines[:-1]:
        end = flat.index(line, cursor) + len(line)
        after_spaces = len(flat) - len(flat[end:].lstrip(" "))
        assert end in phrase_ends or after_spaces in phrase_ends, f"line {line!r} ends inside a phrase"
        cursor = after_spaces


def test_budoux_cut_inside_a_latin_word_is_joined():
    # BudouX splits "QLoRA" into " QLo" | "RA：..."; a line must not break there.
    assert "QLo" in budoux.load_default_japanese_parser().parse(JA.title)[1]
    units = break_units(JA.title, "budoux-ja")
    assert any("QLoRA" in unit for unit in units)
    assert not any(unit.lstrip().startswith(("：", "、", "。")) for unit in units[1:])


def test_english_breaks_between_words_only(fonts):
    layout = fit_title(EN.title, "", fonts)
    words = EN.title.split()
    assert [word for line in layout.lines for word in line.split()] == words


def test_latin_title_on_a_japanese_card_breaks_at_spaces(fonts):
    # BudouX returns a Latin sentence as one phrase; its spaces are the only places to break it.
    title = "PDB viewer using 3Dmol.js, with a deliberately long English title that needs several lines"
    assert len(budoux.load_default_japanese_parser().parse(title)) == 1
    layout = fit_title(title, "budoux-ja", fonts)
    assert len(layout.lines) > 1
    assert [word for line in layout.lines for word in line.split()] == title.split()


def test_every_line_fits_and_long_titles_shrink_then_end_with_an_ellipsis(fonts):
    short = fit_title("Short", "", fonts)
    long_title = " ".join(["Gradient accumulation and sharded optimizers on one consumer GPU"] * 6)
    long = fit_title(long_title, "", fonts)
    assert long.size < short.size
    assert long.lines[-1].endswith("…")
    for line in long.lines:
        assert fonts.width(line, long.size, 700) <= TEXT_WIDTH


def test_greek_letters_come_from_the_fallback_font_and_emoji_are_left_out(fonts):
    runs = fonts.runs("β-VAE と μP 🤗")
    packages = {owner.path.parent.parent.name for _, owner in runs}
    assert packages == {"noto-sans", "noto-sans-jp"}
    assert "🤗" not in "".join(run for run, _ in runs)


def test_alternative_text_in_the_card_language():
    assert EN.alt == f"{EN.title}, by Hana Mori: ML Field Notes"
    assert JA.alt == f"{JA.title}（著者：森 華）: ML Field Notes"
    site = CardText.of(labels("ja"), "機械学習の実践的な記事を英語と日本語でお届けします。", "ML Field Notes")
    assert site.alt == "ML Field Notes: 機械学習の実践的な記事を英語と日本語でお届けします。"
    assert site.byline == ""


def test_unicode_ranges_parse():
    assert parse_unicode_range("U+30,U+25ee8,U+26ff6-26ff8") == [(0x30, 0x30), (0x25EE8, 0x25EE8), (0x26FF6, 0x26FF8)]


def test_a_missing_font_package_names_the_install_step(tmp_path):
    with pytest.raises(FontError, match="npm ci"):
        FontStack([tmp_path / CARD_FONT_PACKAGES[0]])


def test_cache_hit_does_not_draw_again(fonts, tmp_path, monkeypatch):
    first = cached_card(EN, fonts, tmp_path)
    with Image.open(first) as image:
        assert image.format == "PNG" and image.size == (1200, 630)

    def no_drawing(*args):
        raise AssertionError("a cached card was drawn again")

    monkeypatch.setattr(card_cache, "draw_card", no_drawing)
    assert cached_card(EN, fonts, tmp_path) == first
    with pytest.raises(AssertionError, match="drawn again"):
        cached_card(JA, fonts, tmp_path)


def test_digest_follows_every_input(fonts):
    digests = {
        card_digest(card, fonts)
        for card in (
            EN,
            CardText(**{**EN.__dict__, "title": EN.title + "!"}),
            CardText(**{**EN.__dict__, "date_text": "May 25, 2023"}),
            CardText(**{**EN.__dict__, "tags": EN.tags[:2]}),
            CardText(**{**EN.__dict__, "authors": ("Leo Park",)}),
            CardText(**{**EN.__dict__, "labels": JA.labels}),
        )
    }
    assert len(digests) == 6
    assert card_digest(EN, fonts) == card_digest(CardText(**EN.__dict__), fonts)


def test_thumbnail_and_prune(fonts, tmp_path):
    card = cached_card(EN, fonts, tmp_path)
    thumbnail, width, height = cached_thumbnail(card, tmp_path)
    with Image.open(thumbnail) as image:
        assert image.size == (width, height) == (480, 252)
    stale = tmp_path / "stale.png"
    stale.write_bytes(b"old")
    # A card another build of the project is still writing.
    writing = tmp_path / "tmp1234.part"
    writing.write_bytes(b"half")
    assert prune_cache(tmp_path, {card, thumbnail}) == 1
    assert sorted(tmp_path.iterdir()) == sorted([card, thumbnail, writing])


def test_a_drawn_card_thumbnail_keeps_a_small_palette_and_looks_the_same(fonts, tmp_path):
    card = cached_card(JA, fonts, tmp_path)
    full, _, _ = cached_thumbnail(card, tmp_path)
    flat, _, _ = cached_thumbnail(card, tmp_path, flat=True)
    assert flat != full and flat.stat().st_size < full.stat().st_size / 2
    with Image.open(full) as exact, Image.open(flat) as small:
        assert len(small.convert("RGB").getcolors(maxcolors=1 << 16)) <= 64
        difference = ImageChops.difference(exact.convert("RGB"), small.convert("RGB"))
        assert max(ImageStat.Stat(difference).mean) < 3  # per channel, out of 255


def _image(path, size, kind="PNG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (64, 81, 181)).save(path, kind)


def test_post_image_accepted(tmp_path):
    _image(tmp_path / "assets/my-post/card.jpg", (1200, 630), "JPEG")
    result = resolve_post_image("assets/my-post/card.jpg", "my-post", tmp_path, "ja/my-post.md", 7)
    assert result == PostImage(tmp_path / "assets/my-post/card.jpg", "posts/assets/my-post/card.jpg", 1200, 630, "image/jpeg")


@pytest.mark.parametrize(
    ("value", "setup", "message"),
    [
        ("assets/my-post/none.png", None, "there is no posts/assets/my-post/none.png"),
        ("assets/other-post/card.png", None, "expected a file in posts/assets/my-post/"),
        ("https://example.org/card.png", None, "expected a file in posts/assets/my-post/"),
        ("assets/my-post/../../mkdocs.yml", None, "expected a file in posts/assets/my-post/"),
        (["card.png"], None, "expected a path such as assets/my-post/card.png"),
        ("assets/my-post/card.png", "text", "is not an image"),
        ("assets/my-post/card.png", "gif", "is a GIF image; use PNG or JPEG"),
        ("assets/my-post/card.png", (400, 210), "is 400×210; use at least 600×315"),
        ("assets/my-post/card.png", (1200, 1200), "(1.00:1); use a width 1.8 to 2.1 times the height"),
        ("assets/my-post/card.png", (5000, 2600), "use at most 4096 pixels a side"),
    ],
)
def test_post_image_problems(tmp_path, value, setup, message):
    path = tmp_path / "assets/my-post/card.png"
    if setup == "text":
        path.parent.mkdir(parents=True)
        path.write_text("not a picture")
    elif setup == "gif":
        _image(path, (1200, 630), "GIF")
    elif setup:
        _image(path, setup)
    problem = resolve_post_image(value, "my-post", tmp_path, "posts/my-post.md", 6)
    assert isinstance(problem, Problem)
    assert (problem.file, problem.line, problem.key) == ("posts/my-post.md", 6, "image")
    assert message in problem.message
    assert str(problem).startswith("posts/my-post.md:6: 'image': ")
