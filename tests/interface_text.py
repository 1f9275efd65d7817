"""The site's interface text, as the build reads it from locales/, for tests of the core's pieces."""

from __future__ import annotations

from pathlib import Path

from fieldnotes.core.locales import load_locales

LOCALES = load_locales(Path(__file__).resolve().parents[1] / "locales", ["en", "ja"])


def labels(lang: str) -> dict[str, str]:
    """Every plain string of `lang`, as templates and the social features receive them."""
    return LOCALES.table(lang)


def text_of(lang: str):
    """The interface text of `lang` as a function of key and values, as the embed blocks receive it."""
    return lambda key, **values: LOCALES.text(lang, key, **values)
