"""One way to report a problem in an author's files: where it is, what is wrong, what to write instead.

Every validator (front matter, registries, fence options, notebooks, TeX) returns a list of
`Problem`s; the adapter turns the list into one build error, or warnings for `--strict` to catch.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str  # as shown to the author: relative to the project
    line: int | None
    message: str
    key: str | None = None  # the front-matter key or option the problem is about
    suggestion: str | None = None  # the closest known value, shown as "Did you mean ...?"
    warning: bool = False  # the build goes on; `--strict` still fails

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        hint = f" Did you mean '{self.suggestion}'?" if self.suggestion else ""
        return f"{self.where}: {self.message}{hint}"


def did_you_mean(value: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known value closest to a misspelt `value`, if one is close enough."""
    guesses = difflib.get_close_matches(value, list(known), n=1, cutoff=cutoff)
    return guesses[0] if guesses else None


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if not problem.warning]


def summary(problems: list[Problem], what: str) -> str:
    """One message for a list of problems: a count, then one problem per line."""
    return f"{len(problems)} problem(s) in {what}:\n  " + "\n  ".join(str(problem) for problem in problems)
