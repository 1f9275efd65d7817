"""Read a post file: split its YAML front matter from the body and type-check every key.

Problems are collected as `SourceProblem`s (file, line, message) rather than raised one at a
time, so an author sees everything wrong with a post in a single build.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
DATE_HINT = "a date written as YYYY-MM-DD, e.g. 2023-05-24"


@dataclass(frozen=True)
class SourceProblem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class Text(c.BaseConfigOption[str]):
    """A non-empty string."""

    def __init__(self, required: bool = False) -> None:
        super().__init__()
        self.mandatory = required

    def run_validation(self, value: object) -> str | None:
        if value is None and not self.mandatory:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(f"expected a non-empty text, not {value!r}")
        return value


class Date(c.BaseConfigOption[dt.date]):
    """A calendar date; YAML reads `2023-05-24` as one, anything else is refused."""

    def __init__(self, required: bool = False) -> None:
        super().__init__()
        self.mandatory = required

    def run_validation(self, value: object) -> dt.date | None:
        if value is None and not self.mandatory:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        raise ValidationError(f"expected {DATE_HINT}, not {value!r}")


class Ids(c.BaseConfigOption[list]):
    """A list of registry ids; a single id is accepted and wrapped in a list."""

    def __init__(self, what: str, example: str, required: bool = False) -> None:
        super().__init__()
        self.what, self.example, self.mandatory = what, example, required

    def run_validation(self, value: object) -> list[str]:
        if value is None and not self.mandatory:
            return []
        if isinstance(value, str) and value.strip():
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValidationError(f"expected a list of {self.what}, e.g. [{self.example}], not {value!r}")
        return value


class Flag(c.BaseConfigOption[bool]):
    def run_validation(self, value: object) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            raise ValidationError(f"expected true or false, not {value!r}")
        return value


class PostMeta(Config):
    """The front matter of a post, typed. Unknown keys are refused with a suggestion."""

    title = Text(required=True)
    date = Date(required=True)
    authors = Ids("author ids from authors.yml", "hana", required=True)
    tags = Ids("tag ids from tags.yml", "llm, quantization")
    description = Text()
    updated = Date()
    draft = Flag()
    translators = Ids("author ids from authors.yml", "hana")
    proofreaders = Ids("author ids from authors.yml", "hana")
    colab = Text()
    source_digest = Text()


@dataclass
class ParsedSource:
    meta: PostMeta
    body: str
    body_line: int  # 1-based line of the first body line in the file
    key_lines: dict[str, int]


def _key_lines(yaml_text: str) -> dict[str, int]:
    """File line of each top-level key (front matter starts on line 2)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(yaml_text.splitlines(), start=2):
        key = KEY_RE.match(line)
        if key and key.group(1) not in lines:
            lines[key.group(1)] = number
    return lines


def parse_source(text: str, path: str) -> ParsedSource | list[SourceProblem]:
    """Parse and type-check a post; return the parsed post or the list of its problems."""
    if not text.strip():
        return [SourceProblem(path, None, "the file is empty; a post needs front matter and a body")]
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return [SourceProblem(path, 1, "the file must start with YAML front matter between two '---' lines")]
    yaml_text, body = match.group("yaml"), text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    try:
        raw = yaml.load(yaml_text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or "invalid syntax"
        return [SourceProblem(path, line, f"front matter is not valid YAML ({problem})")]
    except ValueError as error:  # YAML's own date constructor, e.g. 2023-02-30
        return [SourceProblem(path, 2, f"front matter is not valid YAML: a value is not a real date ({error})")]
    if not isinstance(raw, dict):
        return [SourceProblem(path, 2, "front matter must be a mapping of keys to values, e.g. 'title: ...'")]

    key_lines = _key_lines(yaml_text)
    meta, problems = check_meta(raw, path, key_lines)
    if not problems and not body.strip():
        problems.append(SourceProblem(path, body_line, "the post has front matter but no text"))
    if problems:
        return problems
    return ParsedSource(meta, body, body_line, key_lines)


def check_meta(raw: dict, path: str, key_lines: dict[str, int]) -> tuple[PostMeta, list[SourceProblem]]:
    meta = PostMeta(config_file_path=path)
    problems = [
        SourceProblem(path, key_lines.get(str(key)), unknown_key_message(str(key), list(meta))) for key in raw if key not in meta
    ]
    # Validated key by key because Config.validate() stops at the first failure.
    for key, option in meta._schema:
        try:
            meta[key] = option.validate(raw.get(key))
        except ValidationError as error:
            if key in raw:
                problems.append(SourceProblem(path, key_lines.get(key, 2), f"'{key}': {error}"))
            else:
                problems.append(SourceProblem(path, 2, f"missing required key '{key}': {str(error).removesuffix(', not None')}"))
    return meta, problems


def unknown_key_message(key: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" Did you mean '{guess[0]}'?" if guess else f" Known keys: {', '.join(sorted(known))}."
    return f"unknown key '{key}'.{hint}"
