"""Superfences glue for the features' fenced blocks, and a scan of a page's Markdown for them.

Superfences renders the fences through `custom_fences`, but it hides most failures of a
validator or formatter, so the generator's glue first finds every such fence itself and reports
bad options with their line in the file (`fence_problems`). The fences come from the registry.
"""

from __future__ import annotations

from dataclasses import replace

from pymdownx.superfences import SuperFencesException

from .core.features.feature import Fence, PageContext
from .core.features.fence_options import FenceOptionError
from .core.fences import CodeFence, find_fences
from .core.problems import Problem


class FenceError(FenceOptionError, SuperFencesException):
    """Bad options found while rendering: superfences lets its own exception type through instead of hiding it."""


def no_header_options(language, inputs, options, attrs, md) -> bool:
    """Options go in the fence body; a header such as ```name height=300 is refused."""
    return not inputs


def custom_fences(registered: list[Fence], context: PageContext, error: type[FenceError] = FenceError) -> list[dict]:
    """Entries for pymdownx.superfences `custom_fences`; the formatters only check and escape.
    `error` is what a formatter raises: the generator's glue may make it stop a build cleanly."""

    def formatter(fence: Fence):
        def format_fence(src, language, class_name, options, md, **kwargs) -> str:
            try:
                checked = fence.check(src, context)
            except FenceOptionError as problem:
                raise error(problem.kind, problem.problems) from None
            return fence.render(checked, context)

        return format_fence

    return [
        {"name": fence.name, "class": fence.css_class, "validator": no_header_options, "format": formatter(fence)}
        for fence in registered
    ]


def feature_fences(registered: list[Fence], markdown: str) -> list[tuple[CodeFence, Fence]]:
    """The features' fences of a page, each with its registration; fences inside other code blocks are examples."""
    known = {fence.name: fence for fence in registered}
    return [(found, known[found.lang]) for found in find_fences(markdown) if found.lang in known]


def fence_problems(found: list[tuple[CodeFence, Fence]], context: PageContext, file: str, offset: int = 0) -> list[Problem]:
    """Every problem of a page's feature fences, in `file`, where `offset` lines precede the Markdown."""
    problems = []
    for fence, registered in found:
        line = fence.line + offset
        where = f"```{fence.lang} fence (line {line})"
        if not fence.closed:
            problems.append(Problem(file, line, f"{where} is never closed: end it with a line {fence.marker}"))
        if fence.header:
            problems.append(
                Problem(
                    file,
                    line,
                    f"{where}: write options inside the fence as `key: value` lines, not after ```{fence.lang} ({fence.header!r})",
                )
            )
        try:
            registered.check(fence.body, context)
        except FenceOptionError as error:
            problems += [
                replace(problem, file=file, line=line + problem.line, message=f"{where}: {problem.message}")
                for problem in error.problems
            ]
    return problems
