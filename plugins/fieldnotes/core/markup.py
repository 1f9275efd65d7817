"""HTML pieces with every value escaped: the only way our features write markup from options."""

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


def start_tag(tag: str, attrs: list[tuple[str, str | None]], closed: bool = False) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<{tag}{written}{' /' if closed else ''}>"


def classes(attrs: dict[str, str | None]) -> list[str]:
    return (attrs.get("class") or "").split()
