"""Where a formula is in the Markdown an author edits, for messages that name the line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MarkdownSource:
    path: str  # as shown to the author: relative to the project
    body: str  # the Markdown after the front matter
    lines_before_body: int = 0  # front matter and its fences
    _cursor: int = field(default=0, repr=False)

    def line_at(self, index: int) -> int:
        return self.lines_before_body + self.body.count("\n", 0, index) + 1

    def find_line(self, needle: str) -> int | None:
        """Line of the first occurrence of `needle` in the body, or None."""
        index = self.body.find(needle) if needle else -1
        return self.line_at(index) if index >= 0 else None

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
