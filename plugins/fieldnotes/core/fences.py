"""The one reading of fenced code blocks in a post's Markdown, for every check that must skip or read them.

A fence opens with three or more backticks or tildes, possibly indented (inside a list or an
admonition) or quoted, and closes with a line of the same character at least as long. A fence inside
another fence is text. Embeds are found, parity compares code, reading time and the scaffold check
skip code, and the translation draft copies it, all through `find_fences`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_RE = re.compile(r"^(?P<indent>(?:[ \t]*>)*[ \t]*)(?P<marker>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")
LANG_RE = re.compile(r"^(?:\{[ \t]*\.)?(?P<lang>[\w+.-]+)")
CODE_SPAN_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
NOT_NEWLINE_RE = re.compile(r"[^\n]")


@dataclass(frozen=True)
class CodeFence:
    line: int  # of the opening fence, 1-based, counted from `first_line`
    end_line: int  # of the closing fence (the last line of the text if it never closes)
    marker: str
    info: str  # everything after the marker
    lang: str  # the first word of `info` (`{.python}` -> python), "" if none
    body: str  # the lines between the fences, indentation and quote markers removed
    closed: bool

    @property
    def header(self) -> str:
        """What follows the language in the opening line (`name height=300` -> `height=300`)."""
        match = LANG_RE.match(self.info)
        return self.info[match.end() :].strip(" \t}") if match else self.info


def find_fences(markdown: str, first_line: int = 1) -> list[CodeFence]:
    lines = markdown.split("\n")
    fences = []
    index = 0
    while index < len(lines):
        opening = OPEN_RE.match(lines[index])
        # A backtick fence cannot have a backtick in its info string: that line is inline code.
        if not opening or (opening["marker"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        marker, indent = opening["marker"], opening["indent"]
        end = next((j for j in range(index + 1, len(lines)) if _closes(lines[j], marker)), None)
        body_lines = lines[index + 1 : len(lines) if end is None else end]
        body = "\n".join(line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in body_lines)
        lang = LANG_RE.match(opening["info"])
        last = len(lines) - 1 if end is None else end
        fences.append(
            CodeFence(
                index + first_line,
                last + first_line,
                marker,
                opening["info"],
                lang["lang"] if lang else "",
                body,
                end is not None,
            )
        )
        if end is None:
            break
        index = end + 1
    return fences


def without_fences(markdown: str) -> str:
    """The Markdown with every fenced block blanked out, line for line, so line numbers still hold."""
    lines = markdown.split("\n")
    for fence in find_fences(markdown):
        for number in range(fence.line - 1, fence.end_line):
            lines[number] = ""
    return "\n".join(lines)


def prose_of(markdown: str) -> str:
    """The Markdown without its fenced blocks and code spans: what is written as prose, line for line."""
    return CODE_SPAN_RE.sub(lambda match: NOT_NEWLINE_RE.sub(" ", match.group(0)), without_fences(markdown))


def _closes(line: str, marker: str) -> bool:
    stripped = line.lstrip(" \t>").strip()
    return len(stripped) >= len(marker) and set(stripped) == {marker[0]}
