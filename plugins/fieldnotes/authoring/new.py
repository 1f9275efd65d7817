"""Scaffold a new post: front matter that passes the build, an intro placeholder, the
<!-- more --> marker and a first section with an explicit anchor.

The slug is the file name and the URL: posts/<slug>.md is published at /posts/<slug>/.
Author and tag ids are checked against authors.yml and tags.yml; the date is today.
Exit status: 0 when the post was created, 1 when it was refused (bad slug, unknown id,
a post with that slug already exists).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.collection import build_date, slug_problem
from ..core.registry import unknown_id_text
from .project import CommandError, Project, add_config_option, load_project, refuse, write_new_file
from .scaffold import new_post, title_from_slug

HELP = "scaffold posts/<slug>.md with valid front matter and the required sections"


def comma_list(text: str) -> list[str]:
    return list(dict.fromkeys(item.strip() for item in text.split(",") if item.strip()))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", help="file name and URL of the post: lowercase letters, digits and single hyphens")
    parser.add_argument(
        "--author",
        dest="authors",
        action="append",
        required=True,
        metavar="ID",
        help="author id from authors.yml; repeat for co-authors",
    )
    parser.add_argument("--title", help="the title (default: made from the slug)")
    parser.add_argument("--tags", type=comma_list, default=[], metavar="A,B", help="tag ids from tags.yml, separated by commas")
    parser.add_argument(
        "--lang", metavar="LANG", help="the language the post is written in (default: the site's default language)"
    )
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config)
        path = create_post(project, args.slug, args.authors, args.tags, args.title, args.lang or project.languages[0])
    except CommandError as error:
        return refuse("new", error)
    shown = project.shown(path)
    print(f"created {shown}")
    print(f"next: write it, preview it with `make serve`, then start its translation with `fieldnotes translate {args.slug}`")
    return 0


def create_post(project: Project, slug: str, authors: list[str], tags: list[str], title: str | None, lang: str) -> Path:
    problem = slug_problem(slug)
    if problem:
        raise CommandError(problem)
    if lang not in project.sources:
        raise CommandError(f"--lang: unknown language '{lang}'; expected one of {', '.join(project.languages)}")
    for other in project.languages:
        existing = project.post_path(other, slug)
        if existing.exists():
            hint = "" if other == lang else f", or start a translation of it with `fieldnotes translate {slug}`"
            raise CommandError(f"{project.shown(existing)} already exists; choose another slug{hint}")
    title = title_from_slug(slug) if title is None else title.strip()
    if not title:
        raise CommandError("--title: the title must not be empty")
    check_ids(project, authors, tags)
    path = project.post_path(lang, slug)
    write_new_file(project, path, new_post(project.locales().group(lang, "scaffold"), title, build_date(), authors, tags))
    return path


def check_ids(project: Project, authors: list[str], tags: list[str]) -> None:
    known_authors, known_tags = project.checked_registries()
    unknown = [f"--author: {unknown_id_text('author', a, known_authors)}" for a in authors if a not in known_authors]
    unknown += [f"--tags: {unknown_id_text('tag', t, known_tags)}" for t in tags if t not in known_tags]
    if unknown:
        raise CommandError("\n  ".join(unknown))
