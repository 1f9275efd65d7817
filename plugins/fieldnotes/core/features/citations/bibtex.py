"""Read the bibliography: a BibTeX file, every entry and field with its line, or the problems that stop it.

The grammar is BibTeX's: `@type{key, field = value, ...}` with braced, quoted, numeric or macro
values joined by `#`, `@string` macros and the month names, `@comment` and `@preamble` skipped, and
any text between entries taken as a comment. Values are read as UTF-8 text: protective braces are
dropped and the few escapes a title needs (`\\&`, `\\%`, `\\_`, `\\#`, `\\$`) are decoded; any other
LaTeX command is a problem, since the processor would print it as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...problems import Problem, did_you_mean

MONTHS = {
    name: str(number)
    for number, name in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
KEY_RE = re.compile(r"[^\s,{}()\"#%'=\\]+")
NAME_RE = re.compile(r"[A-Za-z][\w:.+-]*")
ESCAPES = {"\\&": "&", "\\%": "%", "\\_": "_", "\\#": "#", "\\$": "$"}
ESCAPE_RE = re.compile(r"\\[&%_#$]")
COMMAND_RE = re.compile(r"\\(?:[A-Za-z]+|[^&%_#$])")
SKIPPED_TYPES = {"comment", "preamble"}


@dataclass
class Entry:
    key: str
    type: str  # lower case, e.g. "article"
    line: int  # of the `@`
    fields: dict[str, str] = field(default_factory=dict)  # lower-case names, decoded text
    raw: dict[str, str] = field(default_factory=dict)  # as written between the delimiters (names keep their braces)
    lines: dict[str, int] = field(default_factory=dict)  # line of each field


@dataclass
class Bibliography:
    path: str  # as shown to authors
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def closest_key(self, key: str) -> str | None:
        return did_you_mean(key, self.entries, cutoff=0.5)


class _SyntaxError(Exception):
    def __init__(self, position: int, message: str) -> None:
        super().__init__(message)
        self.position = position


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.position = 0
        self.macros = dict(MONTHS)

    def line_at(self, position: int) -> int:
        return self.text.count("\n", 0, position) + 1

    def fail(self, message: str, position: int | None = None) -> None:
        raise _SyntaxError(self.position if position is None else position, message)

    def skip_space(self) -> None:
        while self.position < len(self.text) and self.text[self.position].isspace():
            self.position += 1

    def expect(self, char: str, what: str) -> None:
        self.skip_space()
        if self.text[self.position : self.position + 1] != char:
            found = self.text[self.position : self.position + 12].split("\n")[0] or "the end of the file"
            self.fail(f"expected {what} ('{char}'), found {found!r}")
        self.position += 1

    def word(self, pattern: re.Pattern[str], what: str) -> str:
        self.skip_space()
        match = pattern.match(self.text, self.position)
        if not match:
            found = self.text[self.position : self.position + 12].split("\n")[0] or "the end of the file"
            self.fail(f"expected {what}, found {found!r}")
        self.position = match.end()
        return match.group(0)

    def braced(self) -> str:
        """A `{...}` value with nested braces, the position on its opening brace."""
        start, depth = self.position, 0
        while self.position < len(self.text):
            char = self.text[self.position]
            if char == "\\":
                self.position += 2
                continue
            depth += {"{": 1, "}": -1}.get(char, 0)
            self.position += 1
            if depth == 0:
                return self.text[start + 1 : self.position - 1]
        self.fail("a '{' is never closed", start)
        return ""

    def quoted(self) -> str:
        start, depth = self.position, 0
        self.position += 1
        while self.position < len(self.text):
            char = self.text[self.position]
            if char == "\\":
                self.position += 2
                continue
            if char == '"' and depth == 0:
                self.position += 1
                return self.text[start + 1 : self.position - 1]
            depth += {"{": 1, "}": -1}.get(char, 0)
            self.position += 1
        self.fail("a '\"' is never closed", start)
        return ""

    def value(self) -> str:
        """One field value: parts joined by '#'."""
        parts = []
        while True:
            self.skip_space()
            char = self.text[self.position : self.position + 1]
            if char == "{":
                parts.append(self.braced())
            elif char == '"':
                parts.append(self.quoted())
            elif char.isdigit():
                parts.append(self.word(re.compile(r"\d+"), "a number"))
            else:
                start = self.position
                name = self.word(NAME_RE, "a value in braces, in quotes, a number or a @string name").lower()
                if name not in self.macros:
                    self.fail(f"unknown @string name '{name}'; write the value in braces", start)
                parts.append(self.macros[name])
            self.skip_space()
            if self.text[self.position : self.position + 1] != "#":
                return "".join(parts)
            self.position += 1


def read_bibtex(text: str, path: str) -> Bibliography:
    """Every entry of a BibTeX file, or the problems found in it (a syntax error ends the reading)."""
    bibliography = Bibliography(path)
    reader = _Reader(text, path)
    try:
        while True:
            at = text.find("@", reader.position)
            if at < 0:
                break
            reader.position = at + 1
            kind = reader.word(NAME_RE, "an entry type after '@', e.g. @article").lower()
            reader.skip_space()
            opening = text[reader.position : reader.position + 1]
            if kind in SKIPPED_TYPES:
                if opening in "{(":
                    reader.braced() if opening == "{" else reader.word(re.compile(r"\([^)]*\)"), "')'")
                continue
            closing = {"{": "}", "(": ")"}.get(opening)
            if closing is None:
                reader.fail(f"expected '{{' after @{kind}")
            reader.position += 1
            if kind == "string":
                name = reader.word(NAME_RE, "a @string name").lower()
                reader.expect("=", "'=' after the @string name")
                reader.macros[name] = reader.value()
                reader.expect(closing, "the end of the @string")
                continue
            _read_entry(reader, bibliography, kind, at, closing)
    except _SyntaxError as error:
        bibliography.problems.append(Problem(path, reader.line_at(error.position), f"BibTeX syntax: {error}"))
    return bibliography


def _read_entry(reader: _Reader, bibliography: Bibliography, kind: str, at: int, closing: str) -> None:
    key_position = reader.position
    key = reader.word(KEY_RE, "the entry's key, e.g. hoffmann2022training")
    entry = Entry(key, kind, reader.line_at(at))
    while True:
        reader.skip_space()
        if reader.text[reader.position : reader.position + 1] == closing:
            reader.position += 1
            break
        if reader.text[reader.position : reader.position + 1] in ("@", ""):
            # A '{' left open in a field took the entry's end with it: the entry is where to look, not what follows.
            reader.fail(
                f"the entry '{key}' does not end: a field's '{{' is never closed, or the entry's '{closing}' is missing", at
            )
        reader.expect(",", "',' between fields")
        reader.skip_space()
        if reader.text[reader.position : reader.position + 1] == closing:
            reader.position += 1
            break
        name_position = reader.position
        name = reader.word(NAME_RE, "a field name, e.g. title").lower()
        reader.expect("=", f"'=' after the field name '{name}'")
        raw = reader.value()
        line = reader.line_at(name_position)
        if name in entry.fields:
            bibliography.problems.append(Problem(bibliography.path, line, f"'{key}': the field '{name}' is given twice"))
            continue
        text, problem = decode(raw)
        if problem:
            bibliography.problems.append(Problem(bibliography.path, line, f"'{key}', field '{name}': {problem}"))
        entry.fields[name], entry.raw[name], entry.lines[name] = text, raw, line
    if key in bibliography.entries:
        first = bibliography.entries[key].line
        bibliography.problems.append(
            Problem(bibliography.path, reader.line_at(key_position), f"duplicate key '{key}' (first defined on line {first})")
        )
        return
    bibliography.entries[key] = entry


def decode(raw: str) -> tuple[str, str | None]:
    """A field's text with protective braces dropped and simple escapes decoded, and a problem if a
    LaTeX command is left (the processor would print it as it is)."""
    command = COMMAND_RE.search(ESCAPE_RE.sub("", raw))
    text = ESCAPE_RE.sub(lambda match: ESCAPES[match.group(0)], raw)
    text = " ".join(text.replace("{", "").replace("}", "").split())
    if command:
        return text, f"LaTeX command `{command.group(0)}`: write the character itself in UTF-8"
    return text, None
