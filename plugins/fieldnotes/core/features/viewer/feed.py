"""A 3D viewer in a feed: a link to the article where it runs, its fallback links (RCSB, download), its caption."""

from __future__ import annotations

from html import escape

from ...markup import classes, start_tag
from ..feature import Fallback


class ViewerFallback(Fallback):
    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.kept: list[str] = []  # the figure's children other than its box: caption, white space
        self.links: list[list[str]] = []  # the fallback links, each as HTML
        self.link_depth = 0  # depth of the fallback link being copied; 0 outside one

    def in_box(self) -> bool:
        return bool(self.open) and self.open[0][0] == "div"

    def write(self, text: str) -> None:
        if self.link_depth:
            self.links[-1].append(text)
        elif not self.in_box():
            self.kept.append(text)

    def opened(self, tag: str, attrs: dict[str, str | None], text: str) -> None:
        parent = self.open[-1] if self.open else None
        if tag == "a" and parent and parent[0] == "p" and "fn-mol__links" in classes(parent[1]) and not self.link_depth:
            self.links.append([])
            self.link_depth = len(self.open) + 1
        if not (tag == "div" and not self.open):
            self.write(text)

    def closed(self, tag: str) -> None:
        self.write(f"</{tag}>")
        if self.link_depth == len(self.open):
            self.link_depth = 0

    def html(self) -> str:
        parts = [f'<a href="{escape(self.page_url)}">{escape(self.labels["embed_3dmol"], quote=False)}</a>']
        parts += ["".join(link) for link in self.links]
        return f"{start_tag('figure', self.attrs)}<p>{' · '.join(parts)}</p>{''.join(self.kept)}</figure>"
