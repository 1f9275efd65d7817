"""The Python side of format.mjs: citeproc-js formats every page's citations and bibliography.

One process serves a whole build (and the rebuilds of `mkdocs serve`); a page's request is cached by
its content, so the second language's pages and unchanged pages cost nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ...node_service import NodeService, ServiceUnavailable
from .syntax import Citation

SCRIPT = Path(__file__).with_name("format.mjs")
PACKAGE = "citeproc"  # pinned in package-lock.json, with the style's and the locales' packages
# citeproc reads <i>, <b>, <sup>, <sub>, <sc> and <span class="nocase"> in any field as markup; ours are plain
# text, so each '<' goes in as this stand-in and comes out as a character reference.
LESS_THAN = "\ue000"


@dataclass(frozen=True)
class Formatted:
    citations: list[str]  # HTML of each citation, in the order given
    bibliography: list[tuple[str, str]]  # (key, HTML of its entry), in the style's order


class FormattingFailed(Exception):
    """The processor could not format a page (its own words): a set-up problem or a bad item."""


class CitationProcessor:
    def __init__(self, project_root: Path, style: str) -> None:
        self.service = NodeService(SCRIPT, project_root, PACKAGE, (style,))
        self.cache: dict[str, Formatted] = {}
        self.pending: dict[str, int] = {}  # digest of a request handed over ahead of its page -> its id

    def format(self, locale_tag: str, locale_xml: str, items: list[dict], citations: list[Citation]) -> Formatted:
        request, digest = _request(locale_tag, locale_xml, items, citations)
        if digest not in self.cache:
            self.cache[digest] = _formatted(self._answer(request, digest))
        return self.cache[digest]

    def prefetch(self, locale_tag: str, locale_xml: str, items: list[dict], citations: list[Citation]) -> None:
        """Hand over a page's citations before its page is built: Node formats them while MkDocs renders."""
        request, digest = _request(locale_tag, locale_xml, items, citations)
        if digest not in self.cache and digest not in self.pending:
            try:
                [self.pending[digest]] = self.service.submit([request])
            except (OSError, EOFError, ValueError, ServiceUnavailable):
                self.service.close()  # the page asks again, and reports a set-up problem itself

    def _answer(self, request: dict, digest: str) -> dict:
        if digest in self.pending:
            try:
                return self.service.answers([self.pending.pop(digest)])[0]
            except (OSError, EOFError, ValueError):
                self.service.close()
                self.pending.clear()  # what the stopped process held is lost: each page asks again
        return self.service.ask([request])[0]

    def close(self) -> None:
        self.pending.clear()
        self.service.close()


def _request(locale_tag: str, locale_xml: str, items: list[dict], citations: list[Citation]) -> tuple[dict, str]:
    """The request for a page's citations, and its digest: the same citations and items answer alike."""
    clusters = [
        {
            "mode": citation.mode,
            "cites": [{"id": cite.key, "locator": cite.locator, "label": cite.label} for cite in citation.cites],
        }
        for citation in citations
    ]
    request = {"lang": locale_tag, "locale": locale_xml, "items": _as_text(items), "clusters": clusters}
    return request, hashlib.sha256(json.dumps(request, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _formatted(answer: dict) -> Formatted:
    if "error" in answer:
        raise FormattingFailed(answer["error"])
    bibliography = [(entry["id"], _escaped(entry["html"])) for entry in answer["bibliography"]]
    return Formatted([_escaped(html) for html in answer["citations"]], bibliography)


def _as_text(value):
    if isinstance(value, str):
        return value.replace("<", LESS_THAN)
    if isinstance(value, list):
        return [_as_text(part) for part in value]
    if isinstance(value, dict):
        return {name: _as_text(part) for name, part in value.items()}
    return value


def _escaped(html: str) -> str:
    return html.replace(LESS_THAN, "&#60;")


__all__ = ["CitationProcessor", "Formatted", "FormattingFailed", "ServiceUnavailable"]
