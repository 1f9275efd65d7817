"""Print the translation status of every post, as the site's translation-status page
(/translations/) shows it: the languages a post exists in, its translators, and for each
language whether it is the original, a translation that is up to date or outdated since the
original last changed, or missing. Drafts and scheduled posts are listed too, marked.

Exit status: 0; 1 when the posts have problems the build would refuse, and with
--fail-on-outdated also when a translation is outdated.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from ..core.collection import Collection
from ..core.locales import Locales
from ..core.translations import MISSING, ORIGINAL, OUTDATED, UP_TO_DATE, VersionState, translation_states
from .project import CommandError, Project, add_config_option, load_project, refuse

HELP = "show every post's translations and whether each is up to date"


@dataclass
class Row:
    post: str
    states: dict[str, VersionState]
    translators: list[str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fail-on-outdated", action="store_true", help="exit with status 1 when a translation is outdated")
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config)
        collection = project.read_collection()
        errors = [problem for problem in collection.problems if not problem.warning]
        if errors:
            raise CommandError("the posts have problems; fix them first:\n  " + "\n  ".join(str(p) for p in errors))
    except CommandError as error:
        return refuse("status", error)
    rows = status_rows(project, collection)
    print(format_table(collection.languages, rows, project.locales()))
    print(summary(rows))
    outdated = [state.post.source for row in rows for state in row.states.values() if state.state == OUTDATED]
    if outdated and args.fail_on_outdated:
        print(
            f"fieldnotes status: outdated translation(s): {', '.join(outdated)}; bring each up to date with its original, "
            "then run `fieldnotes translate --stamp <file>`",
            file=sys.stderr,
        )
        return 1
    return 0


def status_rows(project: Project, collection: Collection) -> list[Row]:
    """One row per post, newest first, like the site's listings."""
    rows = []
    originals = sorted(
        (collection.original(slug) for slug in collection.slugs()), key=lambda post: (post.date, post.slug), reverse=True
    )
    for original in originals:
        states = translation_states(collection, original.slug, project.root)
        translators = sorted({t for state in states.values() if state.post for t in state.post.meta.translators})
        mark = " (draft)" if original.meta.draft else " (scheduled)" if collection.is_scheduled(original) else ""
        rows.append(Row(original.slug + mark, states, translators))
    return rows


def state_label(state: VersionState, locales: Locales) -> str:
    """The state as the site's translation-status page words it, in the default language."""
    lang = locales.default
    since = locales.format_date(state.since, lang) if state.since else ""
    return locales.text(lang, f"state_{state.state}", since=since)


def format_table(languages: list[str], rows: list[Row], locales: Locales) -> str:
    table = [["post", *languages, "translators"]]
    table += [
        [row.post, *(state_label(row.states[lang], locales) for lang in languages), ", ".join(row.translators)] for row in rows
    ]
    widths = [max(len(line[column]) for line in table) for column in range(len(table[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in table)


def summary(rows: list[Row]) -> str:
    counts = {UP_TO_DATE: 0, OUTDATED: 0, MISSING: 0}
    for row in rows:
        for state in row.states.values():
            if state.state != ORIGINAL:
                counts[state.state] += 1
    posts = "1 post" if len(rows) == 1 else f"{len(rows)} posts"
    return f"{posts}; translations: {counts[UP_TO_DATE]} up to date, {counts[OUTDATED]} outdated, {counts[MISSING]} missing"
