"""Check a mapping an author wrote (front matter, the options of an embed fence) against a schema.

A schema maps each known key to a `Field`: a checker that takes the raw YAML value and returns the
clean one or raises `ValueError` saying what was expected. `check_mapping` checks every key and
returns the values with one `Problem` per mistake (unknown keys come with a "did you mean").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .problems import Problem, did_you_mean

Checker = Callable[[object], object]
DATE_HINT = "a date written as YYYY-MM-DD, e.g. 2023-05-24"


@dataclass(frozen=True)
class Field:
    check: Checker
    required: bool = False
    default: object = None
    hint: str | None = None  # what to write, for the message when a required key is missing


@dataclass(frozen=True)
class Schema:
    fields: dict[str, Field]
    noun: str  # "key" or "option", as the author calls them

    def check(
        self, raw: dict, file: str, lines: dict[str, int], default_line: int | None
    ) -> tuple[dict[str, object], list[Problem]]:
        """Clean values of every field (defaults for those not given) and the problems found."""
        problems = [self.unknown(str(key), file, lines.get(str(key), default_line)) for key in raw if key not in self.fields]
        values: dict[str, object] = {}
        for key, spec in self.fields.items():
            values[key] = list(spec.default) if isinstance(spec.default, list) else spec.default
            if raw.get(key) is None:
                if spec.required:
                    problems.append(Problem(file, default_line, f"missing required {self.noun} '{key}': {spec.hint}", key=key))
                continue
            try:
                values[key] = spec.check(raw[key])
            except ValueError as error:
                problems.append(Problem(file, lines.get(key, default_line), f"'{key}': {error}", key=key))
        return values, problems

    def unknown(self, key: str, file: str, line: int | None) -> Problem:
        guess = did_you_mean(key, self.fields)
        known = "" if guess else f" Known {self.noun}s: {', '.join(self.fields)}."
        return Problem(file, line, f"unknown {self.noun} '{key}'.{known}", key=key, suggestion=guess)


# -- checkers ---------------------------------------------------------------------------------


def is_text(value: object) -> bool:
    """The one rule for required text: a string with something besides white space (Unicode's, so a
    no-break space alone is blank too)."""
    return isinstance(value, str) and bool(value.strip())


def text(value: object) -> str:
    """A non-empty string, kept as written."""
    if not is_text(value):
        raise ValueError(f"expected a non-empty text, not {value!r}")
    return value


def line_of_text(value: object) -> str | None:
    """One line of text, whitespace collapsed; numbers are taken as text, true/false are not; blank is None."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    raise ValueError(f"expected a line of text, not {value!r}")


def date(value: object) -> dt.date:
    """YAML reads `2023-05-24` as a date; anything else is refused."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"expected {DATE_HINT}, not {value!r}")


def flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, not {value!r}")


def ids(what: str, example: str) -> Checker:
    """A non-empty list of ids; a single id is accepted and wrapped in a list."""

    def check(value: object) -> list[str]:
        if isinstance(value, str) and value.strip():
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError(f"expected a list of {what}, e.g. [{example}], not {value!r}")
        return value

    return check


def whole_number(low: int, high: int, unit: str) -> Checker:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number of {unit} from {low} to {high}, not {value!r}")
        return value

    return check


def one_of(choices: tuple[str, ...]) -> Checker:
    def check(value: object) -> str:
        if not isinstance(value, str) or value.strip().lower() not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, not {value!r}")
        return value.strip().lower()

    return check


def combination_of(choices: tuple[str, ...]) -> Checker:
    """Choices joined with '+', e.g. `cartoon+stick`; each at most once."""

    def check(value: object) -> tuple[str, ...]:
        parts = [part.strip().lower() for part in value.split("+")] if isinstance(value, str) else []
        if not parts or any(part not in choices for part in parts) or len(set(parts)) != len(parts):
            raise ValueError(
                f"expected one of {', '.join(choices)}, or several joined with '+' (e.g. cartoon+stick), not {value!r}"
            )
        return tuple(parts)

    return check
