"""Read the body of an embed fence as a `key: value` mapping and check each option.

Problems are collected with their line inside the fence body (the scan of the page adds the line
where the fence starts), so an author sees every mistake of a fence at once.
"""

from __future__ import annotations

import yaml

from ..problems import Problem
from ..validation import Schema

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader


class FenceOptionError(ValueError):
    """Invalid options in one fence; `problems` have lines inside the fence body and no file yet."""

    def __init__(self, kind: str, problems: list[Problem]) -> None:
        self.kind = kind
        self.problems = problems
        super().__init__("\n".join(f"```{kind} fence, line {p.line} of its body: {p.message}{_hint(p)}" for p in problems))


def _hint(problem: Problem) -> str:
    return f" Did you mean '{problem.suggestion}'?" if problem.suggestion else ""


def read_mapping(source: str) -> tuple[dict[str, object], dict[str, int], list[Problem]]:
    """The fence body as {option: value}, the body line of each option, and syntax problems."""
    loader = SafeLoader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, [Problem("", 1, "the fence is empty; expected `key: value` lines, e.g. `pdb: 1L2Y`")]
        if not isinstance(node, yaml.MappingNode):
            return {}, {}, [Problem("", node.start_mark.line + 1, "expected `key: value` lines, e.g. `height: 400`")]
        values: dict[str, object] = {}
        lines: dict[str, int] = {}
        problems: list[Problem] = []
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            line = key_node.start_mark.line + 1
            if key in values:
                problems.append(Problem("", line, f"'{key}' is given twice (first on line {lines[key]})"))
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
                Problem(
                    "",
                    mark.line + 1 if mark else 1,
                    f"not a `key: value` mapping ({problem}); quote values that contain ': ' or start with a special character",
                )
            ],
        )
    finally:
        loader.dispose()


def check_options(source: str, schema: Schema) -> tuple[dict[str, object], dict[str, int], list[Problem]]:
    """Values of the known options, checked; unknown options are problems with a suggestion."""
    raw, lines, problems = read_mapping(source)
    values, option_problems = schema.check(raw, "", lines, 1)
    return values, lines, problems + option_problems
