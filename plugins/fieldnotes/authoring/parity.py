"""Check that translations keep their original's structure: heading anchors, code blocks, figures,
links, admonitions, and what each feature keeps (embed options but captions and titles, equations).
Prose is free to differ; structure is not.

Without files, every post that has a translation is checked; with files (as pre-commit passes
them, with --only-posts), the posts those files belong to, whichever side changed. Problems are
printed as file:line: message.

Exit status: 0 when every translation matches its original, 1 on drift or when a post cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.collection import Collection
from ..core.parity import compare, read_structure
from ..core.problems import Problem
from .project import CommandError, Project, add_config_option, add_only_posts_option, load_project, refuse

HELP = "check that translations keep their original's anchors, code, embeds, figures and links"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="FILE", help="post files to check (default: every translated post)"
    )
    add_only_posts_option(parser)
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config)
        paths = project.post_files(args.paths) if args.only_posts else args.paths
        located = [project.locate(path) for path in paths]
    except CommandError as error:
        return refuse("parity", error)
    collection = project.read_collection()
    slugs = sorted({slug for _, slug in located}) if args.paths else project.slugs_on_disk()
    problems = unreadable(project, collection, slugs)
    checked = 0
    for slug in slugs:
        checked += max(len(collection.versions(slug)) - 1, 0)
        problems += slug_drift(collection, slug)
    for problem in problems:
        print(problem)
    print(f"parity: {checked} translation(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


def unreadable(project: Project, collection: Collection, slugs: list[str]) -> list[Problem]:
    """Why existing files of these posts are missing from the collection: they cannot be compared."""
    files = {
        project.shown(path)
        for slug in slugs
        for lang in project.languages
        if (path := project.post_path(lang, slug)).is_file() and collection.get(lang, slug) is None
    }
    return [problem for problem in collection.problems if problem.file in files]


def slug_drift(collection: Collection, slug: str) -> list[Problem]:
    """Where each translation of `slug` departs from its original, against the translation's lines."""
    versions = collection.versions(slug)
    if len(versions) < 2:
        return []
    original = collection.original(slug)
    structure = read_structure(original.body, original.body_line)
    problems = []
    for post in versions.values():
        if post is not original:
            for line, message in compare(structure, read_structure(post.body, post.body_line), original.source):
                problems.append(Problem(post.source, line, message))
    return problems
