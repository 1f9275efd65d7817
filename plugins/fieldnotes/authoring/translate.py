"""Start the translation of a post, or record that a translation has caught up with its original.

`fieldnotes translate <slug>` writes the post in the other language: ja/<slug>.md for an English
original, posts/<slug>.md for a Japanese one (or the language given with --to). The draft keeps
the original's date, authors, tags and colab; marks the title and description "TODO: translate — ";
keeps every heading anchor, code block and fenced block (embeds included) as it is; replaces each paragraph
with one placeholder line; and records in `source_digest` the version of the original it follows.

`fieldnotes translate --stamp <file>` records the original's current version in a translation once
the translator has caught up with it, which ends its "outdated" state and banner.

Exit status: 0 on success, 1 when refused (bad slug, no original, the file already exists).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..core.collection import body_digest, slug_problem
from ..core.frontmatter import FRONT_MATTER_RE, ParsedSource
from ..core.registry import unknown_id_text
from ..core.translations import stamp
from .draft import translation_draft
from .project import CommandError, Project, add_config_option, load_project, parse_post_file, refuse, write_new_file

HELP = "start the translation of a post, or --stamp a translation that has caught up"


@dataclass
class Version:
    lang: str
    shown: str
    parsed: ParsedSource

    @property
    def is_translation(self) -> bool:
        return self.parsed.meta.source_digest is not None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("slug", nargs="?", help="the post to translate")
    target.add_argument(
        "--stamp", type=Path, metavar="FILE", help="a translation that now follows the current original, e.g. ja/<slug>.md"
    )
    parser.add_argument(
        "--to", dest="lang", metavar="LANG", help="the language to translate into (default: the one the post is missing)"
    )
    parser.add_argument("--translator", metavar="ID", help="your author id from authors.yml")
    add_config_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        project = load_project(args.config)
        if args.stamp:
            message = stamp_translation(project, args.stamp)
        else:
            message = start_translation(project, args.slug, args.lang, args.translator)
    except CommandError as error:
        return refuse("translate", error)
    print(message)
    return 0


def start_translation(project: Project, slug: str, lang: str | None, translator: str | None) -> str:
    problem = slug_problem(slug)
    if problem:
        raise CommandError(problem)
    versions = read_versions(project, slug)
    if not versions:
        expected = " or ".join(project.shown(project.post_path(other, slug)) for other in project.languages)
        raise CommandError(
            f"there is no post '{slug}' to translate: expected {expected}; "
            f"scaffold one with `fieldnotes new {slug} --author <id>`"
        )
    original = original_of(slug, versions)
    target = lang or next((other for other in project.languages if other not in versions), None)
    if target is None:
        raise CommandError(
            f"'{slug}' already exists in every language ({', '.join(versions)}); "
            "after updating a translation, run `fieldnotes translate --stamp <file>`"
        )
    if target not in project.sources:
        raise CommandError(f"--to: unknown language '{target}'; expected one of {', '.join(project.languages)}")
    if target == original.lang:
        raise CommandError(f"{original.shown} is the original; name the language to translate it into with --to")
    path = project.post_path(target, slug)
    if target in versions:
        raise CommandError(
            f"{project.shown(path)} already exists and was not changed; "
            f"once it follows the original, run `fieldnotes translate --stamp {project.shown(path)}`"
        )
    if translator is not None:
        check_translator(project, translator)
    digest = body_digest(original.parsed.body)
    write_new_file(project, path, translation_draft(original.parsed, original.shown, translator, digest))
    shown = project.shown(path)
    return (
        f"created {shown}, a translation of {original.shown} (source_digest {digest})\n"
        f"next: replace every 'TODO: translate' line, check with `fieldnotes parity {shown}`, and preview with `make serve`"
    )


def stamp_translation(project: Project, path: Path) -> str:
    lang, slug = project.locate(path)
    path = project.post_path(lang, slug)
    shown = project.shown(path)
    if not path.is_file():
        raise CommandError(f"{shown}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(f"{shown}: the file is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    if not FRONT_MATTER_RE.match(text):
        raise CommandError(f"{shown}: the file must start with YAML front matter between two '---' lines")
    others = read_versions(project, slug, skip=lang)
    if not others:
        raise CommandError(f"{shown}: there is no original to follow: no other language has '{slug}.md'")
    parsed = parse_post_file(path, shown)
    previous = parsed.meta.source_digest if isinstance(parsed, ParsedSource) else None
    originals = [version for version in others.values() if not version.is_translation]
    if not originals and previous is None:
        example = next(iter(others.values())).shown
        raise CommandError(
            f"{shown} is the original and the other versions are its translations; "
            f"stamp a translation instead, e.g. `fieldnotes translate --stamp {example}`"
        )
    if not originals:
        raise CommandError(
            f"{shown}: there is no original to follow: every version of '{slug}' records a 'source_digest', "
            "and the original must not have one"
        )
    original = originals[0]
    digest = body_digest(original.parsed.body)
    if previous == digest:
        return f"{shown} already follows {original.shown} at {digest}; nothing changed"
    stamp(path, digest)
    was = f" (was {previous})" if previous else ""
    return f"stamped {shown}: it follows {original.shown} at {digest}{was}"


def read_versions(project: Project, slug: str, skip: str | None = None) -> dict[str, Version]:
    """Every existing version of a post by language, parsed; a version that does not parse is refused."""
    versions = {}
    for lang in project.languages:
        path = project.post_path(lang, slug)
        if lang == skip or not path.is_file():
            continue
        shown = project.shown(path)
        parsed = parse_post_file(path, shown)
        if isinstance(parsed, list):
            raise CommandError("fix these problems first:\n  " + "\n  ".join(str(problem) for problem in parsed))
        versions[lang] = Version(lang, shown, parsed)
    return versions


def original_of(slug: str, versions: dict[str, Version]) -> Version:
    for version in versions.values():
        if not version.is_translation:
            return version
    files = ", ".join(version.shown for version in versions.values())
    raise CommandError(f"'{slug}' has no original: every version ({files}) records a 'source_digest', which marks a translation")


def check_translator(project: Project, translator: str) -> None:
    authors, _ = project.checked_registries()
    if translator not in authors:
        raise CommandError(f"--translator: {unknown_id_text('author', translator, authors)}")
