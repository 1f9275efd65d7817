"""Read a post file: split its YAML front matter from the body and type-check every key.

Every problem is collected, with the line of its key, so an author sees everything wrong with a
post in one build.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .problems import Problem
from .validation import DATE_HINT, Field, Schema, date, flag, ids, text
from .yamlfile import load_yaml

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
FRONT_MATTER_FIRST_LINE = 2  # the line after the opening '---'


AUTHOR_IDS = ids("author ids from authors.yml", "hana")
SCHEMA = Schema(
    {
        "title": Field(text, required=True, hint="expected a non-empty text"),
        "date": Field(date, required=True, hint=f"expected {DATE_HINT}"),
        "authors": Field(AUTHOR_IDS, required=True, hint="expected a list of author ids from authors.yml, e.g. [hana]"),
        "tags": Field(ids("tag ids from tags.yml", "llm, quantization"), default=[]),
        "description": Field(text),
        "updated": Field(date),
        "draft": Field(flag, default=False),
        "translators": Field(AUTHOR_IDS, default=[]),
        "proofreaders": Field(AUTHOR_IDS, default=[]),
        "colab": Field(text),
        "image": Field(text),
        "source_digest": Field(text),
    },
    noun="key",
)


@dataclass(frozen=True)
class PostMeta:
    title: str
    date: dt.date
    authors: list[str]
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    updated: dt.date | None = None
    draft: bool = False
    translators: list[str] = field(default_factory=list)
    proofreaders: list[str] = field(default_factory=list)
    colab: str | None = None
    image: str | None = None  # the post's own social image under posts/assets/<slug>/, in place of the drawn card
    source_digest: str | None = None

    def __getitem__(self, key: str) -> object:
        return getattr(self, key)


@dataclass
class ParsedSource:
    meta: PostMeta
    body: str
    body_line: int  # 1-based line of the first body line in the file
    key_lines: dict[str, int]


def parse_source(source: str, path: str) -> ParsedSource | list[Problem]:
    """Parse and type-check a post; return the parsed post or the list of its problems."""
    if not source.strip():
        return [Problem(path, None, "the file is empty; a post needs front matter and a body")]
    match = FRONT_MATTER_RE.match(source)
    if not match:
        return [Problem(path, 1, "the file must start with YAML front matter between two '---' lines")]
    body = source[match.end() :]
    body_line = source.count("\n", 0, match.end()) + 1
    document, problems = load_yaml(match.group("yaml"), path, first_line=FRONT_MATTER_FIRST_LINE, what="front matter")
    if document is None:
        return problems
    if not isinstance(document.data, dict):
        return [Problem(path, FRONT_MATTER_FIRST_LINE, "front matter must be a mapping of keys to values, e.g. 'title: ...'")]
    key_lines = {key[0]: line for key, line in document.key_lines.items() if len(key) == 1}
    meta, problems = check_meta(document.data, path, key_lines)
    if not problems and not body.strip():
        problems.append(Problem(path, body_line, "the post has front matter but no text"))
    if problems:
        return problems
    return ParsedSource(meta, body, body_line, key_lines)


def check_meta(raw: dict, path: str, key_lines: dict[str, int]) -> tuple[PostMeta | None, list[Problem]]:
    values, problems = SCHEMA.check(raw, path, key_lines, FRONT_MATTER_FIRST_LINE)
    return (None, problems) if problems else (PostMeta(**values), [])
