"""The Markdown side of citations: each citation becomes a placeholder the page pass formats.

A citation's text depends on every other citation of the page (the processor tells apart two works
by the same authors in the same year), so Markdown only marks where each one is and what it says;
the page pass formats them all at once. Code spans come first (a higher priority), so `[@key]` in
code stays code; `\\@` writes a literal @.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from .syntax import BRACKETED_RE, NARRATIVE_RE, find_citations

PLACEHOLDER_CLASS = "fn-cite-pending"
# Above links (160) and reference links (170), below code spans (190) and escapes (180).
BRACKETED_PRIORITY = 175
NARRATIVE_PRIORITY = 174


def placeholder(source: str) -> etree.Element | None:
    """The element standing for the citation written as `source`, or None if it is not one."""
    found = find_citations(source)
    if len(found) != 1 or (found[0].start, found[0].end) != (0, len(source)):
        return None
    citation = found[0]
    data = {
        "mode": citation.mode,
        "cites": [{"key": cite.key, "locator": cite.locator, "label": cite.label} for cite in citation.cites],
        "problem": citation.problem,
    }
    element = etree.Element("cite", {"class": PLACEHOLDER_CLASS, "data-fn-cite": json.dumps(data, ensure_ascii=False)})
    element.text = AtomicString(source)
    return element


class _CitationProcessor(InlineProcessor):
    def handleMatch(self, match, data):
        element = placeholder(match.group(0))
        return (element, match.start(0), match.end(0)) if element is not None else (None, None, None)


class CitationExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")
        md.inlinePatterns.register(_CitationProcessor(BRACKETED_RE.pattern, md), "fn-citation", BRACKETED_PRIORITY)
        md.inlinePatterns.register(_CitationProcessor(NARRATIVE_RE.pattern, md), "fn-narrative-citation", NARRATIVE_PRIORITY)
