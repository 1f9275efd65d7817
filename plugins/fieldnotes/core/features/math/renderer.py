"""The Python side of render.mjs: one Node process typesets every formula of a build.

A page's formulas go to the process as one batch of JSON lines. Results are cached by (TeX,
display), so the second language and the rebuilds of `mkdocs serve` reuse them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...node_service import NodeService, ServiceUnavailable

SCRIPT = Path(__file__).with_name("render.mjs")
PACKAGE = "temml"  # pinned in package-lock.json


class RendererUnavailable(ServiceUnavailable):
    """Node or the renderer package is missing, or the process cannot be run: a set-up problem, not bad TeX."""


@dataclass(frozen=True)
class Rendered:
    html: str | None = None  # MathML with its TeX annotation
    error: str | None = None  # the renderer's own words

    @property
    def ok(self) -> bool:
        return self.error is None


class MathRenderer:
    def __init__(self, project_root: Path, node: str = "node") -> None:
        self.project_root = Path(project_root)
        self.service = NodeService(SCRIPT, self.project_root, PACKAGE, node=node)
        self.cache: dict[tuple[str, bool], Rendered] = {}

    @property
    def package_dir(self) -> Path:
        return self.project_root / "node_modules" / PACKAGE

    @property
    def version(self) -> str | None:
        """ "temml 0.13.5" once the process has started."""
        return self.service.version

    def render(self, formulas: Sequence[tuple[str, bool]]) -> list[Rendered]:
        """The MathML (or the renderer's error) of each (TeX, display) pair, in order."""
        missing = list(dict.fromkeys(key for key in formulas if key not in self.cache))
        if missing:
            try:
                answers = self.service.ask([{"tex": tex, "display": display} for tex, display in missing])
            except ServiceUnavailable as error:
                raise RendererUnavailable(str(error)) from None
            results = [Rendered(html=answer.get("html"), error=answer.get("error")) for answer in answers]
            self.cache.update(zip(missing, results))
        return [self.cache[key] for key in formulas]

    def close(self) -> None:
        self.service.close()
