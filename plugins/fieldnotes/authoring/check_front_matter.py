"""Check the front matter of post files as the build does: required keys, types, real dates,
no misspelt keys, author ids (authors, translators, proofreaders) from authors.yml, tag ids
from tags.yml, 'updated' not before 'date', and a file name that is a URL-safe slug.

Problems are printed as file:line: message.
Exit status: 0 when every file is fine, 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.collection import slug_problem
from ..core.problems import Problem
from ..core.registry import Author, Tag, unknown_id_message
from .project import CommandError, Project, add_config_option, add_only_posts_option, load_project, parse_post_file, refuse

HELP = "check the front matter of post files, as the build does"
AUTHOR_KEYS = ("authors", "translators", "proofreaders")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="post files, e.g. posts/<slug>.md ja/<slug>.md")
    add_only_posts_option(parser)
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config)
    except CommandError as error:
        return refuse("check-front-matter", error)
    paths = project.post_files(args.paths) if args.only_posts else args.paths
    authors, tags, problems = project.registries()
    registries = None if any(not problem.warning for problem in problems) else (authors, tags)
    for path in paths:
        problems += front_matter_problems(project, path, registries)
    for problem in problems:
        print(problem)
    print(f"front matter: {len(paths)} file(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


def front_matter_problems(
    project: Project, path: Path, registries: tuple[dict[str, Author], dict[str, Tag]] | None
) -> list[Problem]:
    """Problems of one file; ids are only checked against registries that loaded cleanly."""
    shown = project.shown(path)
    problems = []
    slug = slug_problem(path.stem)
    if slug:
        problems.append(Problem(shown, None, f"file name: {slug}"))
    parsed = parse_post_file(path, shown)
    if isinstance(parsed, list):
        return problems + parsed
    meta = parsed.meta

    def line_of(key: str) -> int:
        return parsed.key_lines.get(key, 2)

    if registries:
        authors, tags = registries
        for key in AUTHOR_KEYS:
            problems += [unknown(shown, line_of(key), key, "author", a, authors) for a in meta[key] if a not in authors]
        problems += [unknown(shown, line_of("tags"), "tags", "tag", t, tags) for t in meta.tags if t not in tags]
    if meta.updated and meta.updated < meta.date:
        problems.append(
            Problem(
                shown,
                line_of("updated"),
                f"'updated' ({meta.updated}) is before 'date' ({meta.date}); it must be the same day or later",
            )
        )
    return problems


def unknown(file: str, line: int, key: str, kind: str, value: str, known: dict) -> Problem:
    message, guess = unknown_id_message(kind, value, known)
    return Problem(file, line, message, key=key, suggestion=guess)
