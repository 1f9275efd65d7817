"""A Space in a feed: one link to the Space's page, named by its title."""

from __future__ import annotations

from html import escape

from ...markup import start_tag
from ..feature import Fallback


class SpaceFallback(Fallback):
    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.href: str | None = None  # the caption's link to the Space's page

    def opened(self, tag: str, attrs: dict[str, str | None], text: str) -> None:
        in_caption = any(name == "figcaption" for name, _ in self.open)
        if tag == "a" and self.href is None and attrs.get("href") and in_caption:
            self.href = attrs["href"]

    def html(self) -> str:
        figure = start_tag("figure", self.attrs)
        if self.href is None:
            return f"{figure}</figure>"
        label = escape(self.labels["embed_space"].format(title=self.data.get("data-title") or ""), quote=False)
        return f'{figure}<p><a href="{escape(self.href)}">{label}</a></p></figure>'
