"""Time the social cards: N cards drawn into an empty cache, then the same N again, all cache hits.

    .venv/bin/python benchmarks/cards_bench.py [--cards 1000] [--smoke]

Half the cards are English, half Japanese, with the real posts' titles, authors and tags, each title
numbered so that every card is new to the cache. The fonts come from node_modules/ (`npm ci`).
The second pass is what a rebuild with unchanged posts pays for its cards. Last, the real site's cards
and their listing thumbnails, drawn and then cached. --smoke runs every step with four cards and two
of the real site's (one per language), so the test suite knows the script still runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import yaml

from fieldnotes.core.locales import load_locales
from fieldnotes.core.social.card_cache import cached_card, cached_thumbnail
from fieldnotes.core.social.cards import CardText
from fieldnotes.core.social.fonts import card_fonts

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {"en": "posts", "ja": "ja"}


LOCALES = load_locales(ROOT / "locales", list(SOURCES))


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def _in(value: str | dict, lang: str) -> str:
    """A registry text: one string, or one per language."""
    return value if isinstance(value, str) else value[lang]


def real_cards() -> list[CardText]:
    """One card per post and language of the real site."""
    authors = yaml.safe_load((ROOT / "authors.yml").read_text(encoding="utf-8"))
    tags = yaml.safe_load((ROOT / "tags.yml").read_text(encoding="utf-8"))
    cards = []
    for lang, folder in SOURCES.items():
        for path in sorted((ROOT / folder).glob("*.md")):
            meta = front_matter(path)
            date = meta["date"] if isinstance(meta["date"], dt.date) else dt.date.fromisoformat(str(meta["date"]))
            cards.append(
                CardText.of(
                    LOCALES.table(lang),
                    meta["title"],
                    "ML Field Notes",
                    authors=tuple(_in(authors[a]["name"], lang) for a in meta["authors"]),
                    date_text=LOCALES.format_date(date, lang),
                    tags=tuple(_in(tags[t], lang) for t in meta.get("tags", [])),
                )
            )
    return cards


def timed(cards: list[CardText], fonts, cache: Path, thumbnails: bool = False) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for card in cards:
        path = cached_card(card, fonts, cache)
        if thumbnails:
            cached_thumbnail(path, cache)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, to check that the script runs")
    args = parser.parse_args()
    fonts = card_fonts(ROOT / "node_modules")
    real = real_cards()
    if args.smoke:
        args.cards, real = 4, [real[0], real[-1]]  # a card in each language
    cards = [
        CardText(**{**card.__dict__, "title": f"{card.title} ({number})"})
        for number, card in zip(range(args.cards), real * (args.cards // len(real) + 1), strict=False)
    ]
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        first, first_cpu = timed(cards, fonts, cache)
        again, again_cpu = timed(cards, fonts, cache)
        size = sum(path.stat().st_size for path in cache.iterdir())
        site_first, _ = timed(real, fonts, cache / "site", thumbnails=True)
        site_again, site_again_cpu = timed(real, fonts, cache / "site", thumbnails=True)
    print(f"fonts: {fonts.identity}")
    print(
        f"{len(cards)} cards, empty cache: {first:.1f} s ({first_cpu:.1f} s CPU), "
        f"{first / len(cards) * 1000:.0f} ms a card, {size / len(cards) / 1024:.0f} KB a card"
    )
    print(
        f"{len(cards)} cards, all cached: {again * 1000:.0f} ms ({again_cpu * 1000:.0f} ms CPU), {again / len(cards) * 1e6:.0f} µs a card"
    )
    print(
        f"real site, {len(real)} cards and their listing thumbnails: {site_first:.2f} s drawn, "
        f"{site_again * 1000:.1f} ms cached ({site_again_cpu * 1000:.1f} ms CPU)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
