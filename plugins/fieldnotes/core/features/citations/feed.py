"""Citations in a feed: each in-text citation as plain text, the references as a list without back-links.

A feed reader shows an entry out of its page, where the links to the references and back to each
citation would lead nowhere useful; the reference list keeps each work's own DOI, arXiv or URL link.
"""

from __future__ import annotations

from ...markup import classes, start_tag
from ..feature import KeepingFallback

BACK_LINKS_CLASS = "fn-references__cited"


class CitationFallback(KeepingFallback):
    """`(Hoffmann et al., 2022)` as text: the formatting stays, the links to the reference list go."""

    def opened(self, tag: str, attrs: dict[str, str | None], text: str) -> None:
        if tag != "a":
            self.write(text)

    def closed(self, tag: str) -> None:
        if tag != "a":
            self.write(f"</{tag}>")

    def html(self) -> str:
        return "".join(self.parts)


class ReferencesFallback(KeepingFallback):
    """The "References" section with its list of works, without the links back to each citation."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.skipping: int | None = None  # depth of the back-links element while inside it

    def write(self, text: str) -> None:
        if self.skipping is None:
            super().write(text)

    def opened(self, tag: str, attrs: dict[str, str | None], text: str) -> None:
        if self.skipping is None and BACK_LINKS_CLASS in classes(attrs):
            self.skipping = len(self.open)
        self.write(text)

    def closed(self, tag: str) -> None:
        self.write(f"</{tag}>")
        if self.skipping == len(self.open) - 1:
            self.skipping = None

    def html(self) -> str:
        return f"{start_tag('section', self.attrs)}{''.join(self.parts)}</section>"
