"""Read the body of an embed fence as a `key: value` mapping and check each option.

A checker takes the raw YAML value and returns the clean one or raises `OptionError` with
what was expected. Problems are collected with their line inside the fence body, so an author
sees every mistake of a fence at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader


class OptionError(ValueError):
    """A value that does not fit its option; the message says what was expected."""


@dataclass(frozen=True)
class FenceProblem:
    line: int  # 1-based line inside the fence body
    message: str


class FenceOptionError(SuperFencesException, PluginError):
    """Invalid options in one fence.

    Superfences lets its own exception type through instead of hiding it, and as a PluginError it
    stops an MkDocs build with the message and no traceback, even for a fence the plugin's scan missed.
    """

    def __init__(self, kind: str, problems: list[FenceProblem]) -> None:
        self.kind = kind
        self.problems = problems
        super().__init__("\n".join(f"```{kind} fence, line {p.line} of its body: {p.message}" for p in problems))


Checker = Callable[[object], object]


def read_mapping(source: str) -> tuple[dict[str, object], dict[str, int], list[FenceProblem]]:
    """The fence body as {option: value}, the body line of each option, and syntax problems."""
    loader = SafeLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, [FenceProblem(1, "the fence is empty; expected `key: value` lines, e.g. `pdb: 1L2Y`")]
        if not isinstance(node, yaml.MappingNode):
            return {}, {}, [FenceProblem(node.start_mark.line + 1, "expected `key: value` lines, e.g. `height: 400`")]
        values: dict[str, object] = {}
        lines: dict[str, int] = {}
        problems: list[FenceProblem] = []
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            line = key_node.start_mark.line + 1
            if key in values:
                problems.append(FenceProblem(line, f"'{key}' is given twice (first on line {lines[key]})"))
                continue
            values[key] = loader.construct_object(value_node, deep=True)
            lines[key] = line
        return values, lines, problems
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "invalid syntax"
        return (
            {},
            {},
            [
                FenceProblem(
                    mark.line + 1 if mark else 1,
                    f"not a `key: value` mapping ({problem}); quote values that contain ': ' or start with a special character",
                )
            ],
        )
    finally:
        loader.dispose()


def check_options(source: str, checkers: dict[str, Checker]) -> tuple[dict[str, object], dict[str, int], list[FenceProblem]]:
    """Values of the known options, checked; unknown options are problems with a suggestion."""
    raw, lines, problems = read_mapping(source)
    values: dict[str, object] = {}
    for key, value in raw.items():
        checker = checkers.get(key)
        if checker is None:
            problems.append(FenceProblem(lines[key], unknown_option_message(key, list(checkers))))
            continue
        try:
            values[key] = checker(value)
        except OptionError as error:
            problems.append(FenceProblem(lines[key], f"'{key}': {error}"))
    return values, lines, problems


def unknown_option_message(key: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" Did you mean '{guess[0]}'?" if guess else f" Known options: {', '.join(known)}."
    return f"unknown option '{key}'.{hint}"


def text(value: object) -> str | None:
    """A line of text, or None when blank (as if not given); numbers are taken as text, true/false are not."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise OptionError(f"expected a line of text, not {value!r}")
    return " ".join(str(value).split()) or None


def flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"expected true or false, not {value!r}")
    return value


def whole_number(low: int, high: int, unit: str) -> Checker:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise OptionError(f"expected a whole number of {unit} from {low} to {high}, not {value!r}")
        return value

    return check


def one_of(choices: tuple[str, ...]) -> Checker:
    def check(value: object) -> str:
        if not isinstance(value, str) or value.strip().lower() not in choices:
            raise OptionError(f"expected one of {', '.join(choices)}, not {value!r}")
        return value.strip().lower()

    return check


def combination_of(choices: tuple[str, ...]) -> Checker:
    """Choices joined with '+', e.g. `cartoon+stick`; each at most once."""

    def check(value: object) -> tuple[str, ...]:
        parts = [part.strip().lower() for part in value.split("+")] if isinstance(value, str) else []
        if not parts or any(part not in choices for part in parts) or len(set(parts)) != len(parts):
            raise OptionError(
                f"expected one of {', '.join(choices)}, or several joined with '+' (e.g. cartoon+stick), not {value!r}"
            )
        return tuple(parts)

    return check
