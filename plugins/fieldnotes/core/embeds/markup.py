"""HTML pieces with every value escaped: the only way the embeds write markup."""

from __future__ import annotations

from html import escape


def attributes(values: dict[str, str | None]) -> str:
    """` name="value"` for each attribute, values escaped; None leaves the attribute out."""
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in values.items() if value is not None)


def element(tag: str, values: dict[str, str | None], content: str = "") -> str:
    """An element around `content`, which must already be markup (use `text` for plain text)."""
    return f"<{tag}{attributes(values)}>{content}</{tag}>"


def text(value: str) -> str:
    return escape(value, quote=True)
