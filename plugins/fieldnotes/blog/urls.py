"""Where pages of each language live: the language prefix and the way back to the site root."""

from __future__ import annotations


def language_prefix(lang: str, languages: list[str]) -> str:
    """`""` for the default (first) language, served at /, else `"<lang>/"`."""
    return "" if lang == languages[0] else f"{lang}/"


def relative_root(url: str) -> str:
    """The relative path from a page URL back to the site root ("" for the root itself)."""
    if url in ("", ".", "./"):
        return ""
    return "../" * (url.rstrip("/").count("/") + (0 if url.endswith(".html") else 1))
