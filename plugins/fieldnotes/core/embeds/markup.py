"""HTML pieces with every value escaped: the only way the embeds write markup."""

from __future__ import annotations

from html import escape

from ..content_policy import Allowlist

# What the embed figures hold: their options as data-* attributes (read by the loader as data,
# checked again there), a box of reserved height, the Space facade's button and the fallback links.
EMBED_MARKUP = Allowlist.of(
    figure="data-fn-embed data-src data-title data-allow data-pdb data-format data-style data-color data-highlight"
    " data-highlight-style data-spin data-text-loading data-text-failed data-text-keys",
    div="style",
    button="type",
)


def attributes(values: dict[str, str | None]) -> str:
    """` name="value"` for each attribute, values escaped; None leaves the attribute out."""
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in values.items() if value is not None)


def element(tag: str, values: dict[str, str | None], content: str = "") -> str:
    """An element around `content`, which must already be markup (use `text` for plain text)."""
    return f"<{tag}{attributes(values)}>{content}</{tag}>"


def text(value: str) -> str:
    return escape(value, quote=True)
