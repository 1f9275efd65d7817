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
        request = {"lang": locale_tag, "locale": locale_xml, "items": items, "clusters": clusters}
        digest = hashlib.sha256(json.dumps(request, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        if digest not in self.cache:
            answer = self.service.ask([request])[0]
            if "error" in answer:
                raise FormattingFailed(answer["error"])
            bibliography = [(entry["id"], entry["html"]) for entry in answer["bibliography"]]
            self.cache[digest] = Formatted(answer["citations"], bibliography)
        return self.cache[digest]

    def close(self) -> None:
        self.service.close()


__all__ = ["CitationProcessor", "Formatted", "FormattingFailed", "ServiceUnavailable"]
