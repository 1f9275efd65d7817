"""A figure in a feed: the drawing of the feed's language in the light scheme, with its caption.

Feed readers apply no stylesheet that would hide one of the two drawings, so the dark one goes and
the light one loses its #only-light marker.
"""

from __future__ import annotations

from ...markup import start_tag
from ..feature import KeepingFallback


class FigureFallback(KeepingFallback):
    def opened(self, tag: str, attrs: dict[str, str | None], text: str) -> None:
        source = attrs.get("src") or ""
        if tag == "img" and source.endswith("#only-dark"):
            return
        if tag == "img" and source.endswith("#only-light"):
            text = start_tag(
                "img", [(name, source.removesuffix("#only-light") if name == "src" else value) for name, value in attrs.items()]
            )
        self.write(text)

    def html(self) -> str:
        return f"{start_tag('figure', self.attrs)}{''.join(self.parts)}</figure>"
