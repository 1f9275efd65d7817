"""YAML that knows where things are: every problem an author sees points at a line of their file.

`load_yaml` parses once into data plus the line of every mapping key, so validators can blame the
exact line of a bad value; a syntax error becomes a `Problem` at the line the parser stopped.
`load_config_yaml` reads mkdocs.yml without running what its `!!python/name:` or `!ENV` tags name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader


@dataclass
class YamlDocument:
    data: object
    key_lines: dict[tuple[str, ...], int] = field(default_factory=dict)  # key path -> 1-based line in the file

    def line_of(self, *path: str) -> int | None:
        return self.key_lines.get(tuple(path))


def yaml_error_problem(error: yaml.YAMLError, file: str, first_line: int, what: str) -> Problem:
    """A parser error as a problem at the line the parser stopped, in the file's numbering."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    detail = getattr(error, "problem", None) or "invalid syntax"
    return Problem(file, line, f"{what} is not valid YAML ({detail})")


def load_yaml(text: str, file: str, *, first_line: int = 1, what: str = "the file") -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text`, which starts at line `first_line` of `file`; None and a problem when it is not YAML."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None), []
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        return None, [yaml_error_problem(error, file, first_line, what)]
    except ValueError as error:  # YAML's own date constructor, e.g. 2023-02-30
        return None, [Problem(file, first_line, f"{what} is not valid YAML: a value is not a real date ({error})")]
    finally:
        loader.dispose()
    lines: dict[tuple[str, ...], int] = {}
    _collect_key_lines(node, (), first_line, lines)
    return YamlDocument(data, lines), []


def _collect_key_lines(node: yaml.Node, path: tuple[str, ...], first_line: int, lines: dict) -> None:
    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key_path = (*path, key_node.value)
        lines.setdefault(key_path, key_node.start_mark.line + first_line)
        _collect_key_lines(value_node, key_path, first_line, lines)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what `!!python/name:` or `!ENV` tags point at."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_config_yaml(path: Path) -> object:
    """The data of mkdocs.yml; raises OSError, UnicodeDecodeError or yaml.YAMLError for the caller to word."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
