"""The intro of a post: the text up to `<!-- more -->`, else its first paragraph.

One rule for every place that shows a post in brief: cards, feeds, the description fallback and
search results. It reads the Markdown, so it holds before the post is rendered (a listing in one
language shows posts that only the other language's build renders).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .readtime import prose_of

MORE_RE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.MULTILINE | re.IGNORECASE)
PARAGRAPH_RE = re.compile(r"\n\s*\n")
# Blocks that are not running text: headings, code, admonitions, tables.
NOT_PROSE = ("#", "```", "!!!", "|")


@dataclass(frozen=True)
class Intro:
    text: str  # plain text of the first paragraph of the intro
    has_more: bool  # the author marked where the intro ends


def read_intro(body: str) -> Intro:
    marker = MORE_RE.search(body)
    head = body[: marker.start()] if marker else body
    paragraphs = [p.strip() for p in PARAGRAPH_RE.split(head) if p.strip() and not p.lstrip().startswith(NOT_PROSE)]
    first = " ".join(prose_of(paragraphs[0]).split()) if paragraphs else ""
    return Intro(first, bool(marker))
