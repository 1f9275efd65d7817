"""Problems found by the link check, and how they are printed: grouped by page, then a summary."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby


@dataclass(frozen=True)
class Problem:
    page: str  # file under the site root
    element: str  # tag and attribute, e.g. "a[href]"
    line: int | None  # in the page's source, when known
    message: str

    def sort_key(self) -> tuple:
        return (self.page, self.line or 0, self.element, self.message)


def unique(problems: list[Problem]) -> list[Problem]:
    """Each problem once, ordered by page and line."""
    return sorted(set(problems), key=Problem.sort_key)


def format_problems(problems: list[Problem]) -> str:
    lines = []
    for page, group in groupby(unique(problems), key=lambda problem: problem.page):
        lines.append(page)
        for problem in group:
            where = f"line {problem.line}: " if problem.line else ""
            lines.append(f"  {where}{problem.element}: {problem.message}")
    return "\n".join(lines)


def summary(pages: int, links: int, problems: int, seconds: float) -> str:
    return f"{pages} pages, {links} links, {problems} problems in {seconds:.2f}s"
