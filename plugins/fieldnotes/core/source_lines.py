"""Where a problem is in the Markdown an author edits: the one way every check names a line.

A check that works on rendered HTML (content policy, mathematics, embeds, links) knows what it
found, not where it was written; it asks here for the line of a piece of text. Text found in the
HTML may be written with character references in the source (`jav&#x09;ascript:`), so each line
is also compared with its references decoded.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .frontmatter import FRONT_MATTER_RE


@dataclass
class MarkdownSource:
    path: str  # as shown to the author: relative to the project
    body: str  # the Markdown after the front matter
    lines_before_body: int = 0  # front matter and its fences
    _cursor: int = field(default=0, repr=False)

    @classmethod
    def of_text(cls, path: str, text: str) -> MarkdownSource:
        """A whole file's text: the body starts after its front matter, if it has one."""
        match = FRONT_MATTER_RE.match(text)
        start = match.end() if match else 0
        return cls(path, text[start:], text.count("\n", 0, start))

    def line_at(self, index: int) -> int:
        return self.lines_before_body + self.body.count("\n", 0, index) + 1

    def find_line(self, needle: str) -> int | None:
        """Line of the first occurrence of `needle` in the body, or None."""
        index = self.body.find(needle) if needle else -1
        return self.line_at(index) if index >= 0 else None

    def locate(self, *needles: str) -> int | None:
        """Line of the first needle found, as written or with the line's character references decoded."""
        lines = self.body.split("\n")
        for needle in needles:
            if not needle:
                continue
            lowered = needle.lower()
            for number, line in enumerate(lines, start=self.lines_before_body + 1):
                if lowered in line.lower() or ("&" in line and lowered in html.unescape(line).lower()):
                    return number
        return None

    def next_formula_line(self, tex: str, display: bool) -> int | None:
        """Line of a formula, searched after the previous formula first (the same TeX can repeat).

        An inline formula is looked for with its delimiters first, so that a lone letter does not
        match prose. A display formula nested in a list or an admonition lost its indentation on
        the way, so only its first line is looked for.
        """
        if display:
            first_line = next((line.strip() for line in tex.splitlines() if line.strip()), "")
            candidates = [first_line] if first_line else []
        else:
            candidates = [f"${tex}$", f"\\({tex}\\)", tex]
        for start in (self._cursor, 0):
            for needle in candidates:
                index = self.body.find(needle, start)
                if index >= 0:
                    self._cursor = index + len(needle)
                    return self.line_at(index)
        return None
