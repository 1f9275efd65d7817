"""Superfences glue for the embed fences, and a scan of a page's Markdown for them.

Superfences renders the fences through `custom_fences`, but it hides most failures of a
validator or formatter, so the generator's glue first finds every embed fence itself and reports
bad options with their line in the file (`fence_problems`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pymdownx.superfences import SuperFencesException

from .core.embeds.options import FenceOptionError
from .core.embeds.space import check_space, render_space
from .core.embeds.viewer import Resolver, Text, check_viewer, render_viewer
from .core.problems import Problem

EMBED_KINDS = ("3dmol", "space")
# An opening fence, possibly indented (lists, admonitions) or quoted.
FENCE_OPEN_RE = re.compile(r"^(?P<indent>(?:[ \t]*>)*[ \t]*)(?P<marker>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")
FENCE_LANG_RE = re.compile(r"^(?:\{[ \t]*\.)?(?P<lang>[\w+.-]+)")


def no_structure_files(path: str) -> None:
    return None


class FenceError(FenceOptionError, SuperFencesException):
    """Bad options found while rendering: superfences lets its own exception type through instead of hiding it."""


@dataclass
class EmbedContext:
    """What the formatters need to know about the page being rendered; the glue updates it per page."""

    text: Text  # the page language's interface text
    resolve: Resolver = no_structure_files
    error: type[FenceError] = FenceError  # what a formatter raises: the generator's glue may make it stop a build cleanly


@dataclass(frozen=True)
class EmbedFence:
    kind: str
    line: int  # line of the opening fence in the Markdown, 1-based
    marker: str
    header: str  # anything written after the fence's language
    source: str
    closed: bool


def no_header_options(language, inputs, options, attrs, md) -> bool:
    """Options go in the fence body; a header such as ```3dmol height=300 is refused."""
    return not inputs


def custom_fences(context: EmbedContext) -> list[dict]:
    """Entries for pymdownx.superfences `custom_fences`; the formatters only check and escape."""

    def checked(check, src: str, *args):
        try:
            return check(src, *args)
        except FenceOptionError as error:
            raise context.error(error.kind, error.problems) from None

    def format_viewer(src, language, class_name, options, md, **kwargs) -> str:
        return render_viewer(checked(check_viewer, src, context.resolve), context.text)

    def format_space(src, language, class_name, options, md, **kwargs) -> str:
        return render_space(checked(check_space, src), context.text)

    return [
        {"name": "3dmol", "class": "fn-mol", "validator": no_header_options, "format": format_viewer},
        {"name": "space", "class": "fn-space", "validator": no_header_options, "format": format_space},
    ]


def find_embed_fences(markdown: str) -> list[EmbedFence]:
    """The ```3dmol and ```space fences of a page; fences inside other code blocks are examples, not embeds."""
    lines = markdown.split("\n")
    fences = []
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN_RE.match(lines[index])
        if not opening or (opening["marker"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        marker, indent = opening["marker"], opening["indent"]
        end = next((j for j in range(index + 1, len(lines)) if _closes(lines[j], marker)), None)
        lang = FENCE_LANG_RE.match(opening["info"])
        if lang and lang["lang"] in EMBED_KINDS:
            body = lines[index + 1 : len(lines) if end is None else end]
            source = "\n".join(line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in body)
            header = opening["info"][lang.end() :].strip(" \t}")
            fences.append(EmbedFence(lang["lang"], index + 1, marker, header, source, end is not None))
        if end is None:
            break
        index = end + 1
    return fences


def _closes(line: str, marker: str) -> bool:
    stripped = line.lstrip(" \t>").strip()
    return len(stripped) >= len(marker) and set(stripped) == {marker[0]}


def fence_problems(fences: list[EmbedFence], context: EmbedContext, file: str, offset: int = 0) -> list[Problem]:
    """Every problem of a page's embed fences, in `file`, where `offset` lines precede the Markdown."""
    problems = []
    for fence in fences:
        line = fence.line + offset
        where = f"```{fence.kind} fence (line {line})"
        if not fence.closed:
            problems.append(Problem(file, line, f"{where} is never closed: end it with a line {fence.marker}"))
        if fence.header:
            problems.append(
                Problem(
                    file,
                    line,
                    f"{where}: write options inside the fence as `key: value` lines, not after ```{fence.kind} ({fence.header!r})",
                )
            )
        try:
            if fence.kind == "3dmol":
                check_viewer(fence.source, context.resolve)
            else:
                check_space(fence.source)
        except FenceOptionError as error:
            problems += [
                replace(problem, file=file, line=line + problem.line, message=f"{where}: {problem.message}")
                for problem in error.problems
            ]
    return problems
