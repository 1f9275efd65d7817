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

    def format(self, locale_tag: str, locale_xml: str, items: list[dict], citations: list[Citation]) -> Formatted:
        clusters = [
            {
                "mode": citation.mode,
                "cites": [{"id": cite.key, "locator": cite.locator, "label": cite.label} for cite in citation.cites],
            }
            for citation in citations
        ]
        request = {"lang": locale_tag, "locale": locale_xml, "items": _as_text(items), "clusters": clusters}
        digest = hashlib.sha256(json.dumps(request, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        if digest not in self.cache:
            answer = self.service.ask([request])[0]
            if "error" in answer:
                raise FormattingFailed(answer["error"])
            bibliography = [(entry["id"], _escaped(entry["html"])) for entry in answer["bibliography"]]
            self.cache[digest] = Formatted([_escaped(html) for html in answer["citations"]], bibliography)
        return self.cache[digest]

    def close(self) -> None:
        self.service.close()


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
