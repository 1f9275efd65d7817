"""The project the authoring commands work on: its mkdocs.yml, post folders and registries."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..core.collection import Collection, CollectionReader
from ..core.frontmatter import ParsedSource, parse_source
from ..core.locales import Locales, load_locales
from ..core.options import BlogOptions
from ..core.problems import Problem
from ..core.registry import Author, Tag, load_authors, load_tags
from ..core.yamlfile import load_config_yaml

BLOG_PLUGIN = "fieldnotes/blog"


class CommandError(Exception):
    """A refusal, or a problem the author must fix first; the message says what and how."""


@dataclass(frozen=True)
class Project:
    root: Path  # resolved folder of mkdocs.yml
    options: BlogOptions

    @property
    def sources(self) -> dict[str, str]:
        """Language -> folder of its posts, the default language first."""
        return self.options.sources

    @property
    def languages(self) -> list[str]:
        return self.options.languages

    def post_path(self, lang: str, slug: str) -> Path:
        return self.root / self.sources[lang] / f"{slug}.md"

    def slugs_on_disk(self) -> list[str]:
        return sorted({path.stem for folder in self.sources.values() for path in (self.root / folder).glob("*.md")})

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when it is inside."""
        resolved = path.resolve()
        return resolved.relative_to(self.root).as_posix() if resolved.is_relative_to(self.root) else str(path)

    def language_of(self, path: Path) -> str | None:
        """The language whose post folder (the blog plugin's `sources`) holds the file, if it is a post file."""
        resolved = path.resolve()
        for lang, folder in self.sources.items():
            if resolved.suffix == ".md" and resolved.parent == self.root / folder:
                return lang
        return None

    def locate(self, path: Path) -> tuple[str, str]:
        """(language, slug) of a post file named on the command line."""
        lang = self.language_of(path)
        if lang is not None:
            return lang, path.resolve().stem
        expected = " or ".join(f"{folder}/<slug>.md" for folder in self.sources.values())
        raise CommandError(f"{path}: not a post file; expected {expected}")

    def post_files(self, paths: list[Path]) -> list[Path]:
        """The post files among `paths`; the others (pages, notes under assets/) are passed over."""
        return [path for path in paths if self.language_of(path) is not None]

    def read_collection(self) -> Collection:
        return CollectionReader(self.root, self.sources, self.options.authors_file, self.options.tags_file).read()

    def locales(self) -> Locales:
        return load_locales(self.root / self.options.locales_dir, self.languages, self.options.locales_dir)

    def registries(self) -> tuple[dict[str, Author], dict[str, Tag], list[Problem]]:
        authors, problems = load_authors(self.root / self.options.authors_file, self.languages)
        tags, tag_problems = load_tags(self.root / self.options.tags_file, self.languages)
        return authors, tags, problems + tag_problems

    def checked_registries(self) -> tuple[dict[str, Author], dict[str, Tag]]:
        """The author and tag registries, refused when either has a problem."""
        authors, tags, problems = self.registries()
        problems = [problem for problem in problems if not problem.warning]
        if problems:
            raise CommandError("fix the registries first:\n  " + "\n  ".join(str(problem) for problem in problems))
        return authors, tags


def add_only_posts_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--only-posts",
        action="store_true",
        help="check the files that are posts (in the post folders mkdocs.yml names) and pass over the others, "
        "as pre-commit hands over every changed Markdown file",
    )


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE", help="the project's mkdocs.yml (default: %(default)s)"
    )


def load_project(config_file: Path) -> Project:
    if not config_file.is_file():
        raise CommandError(
            f"{config_file}: no such file; run the command in the project folder or pass its mkdocs.yml with --config"
        )
    try:
        data = load_config_yaml(config_file)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise CommandError(f"{config_file}: not readable as YAML ({error})") from None
    options = _blog_options(data)
    if options is None:
        raise CommandError(
            f"{config_file}: the {BLOG_PLUGIN} plugin is not listed under 'plugins'; the posts are configured there"
        )
    try:
        blog = BlogOptions.from_mapping(options)
    except ValueError as error:
        raise CommandError(f"{config_file}: {BLOG_PLUGIN} options: {error}") from None
    return Project(config_file.resolve().parent, blog)


def _blog_options(data: object) -> dict | None:
    plugins = data.get("plugins") if isinstance(data, dict) else None
    for name, options in _plugin_entries(plugins):
        if name == BLOG_PLUGIN:
            return options if isinstance(options, dict) else {}
    return None


def _plugin_entries(plugins: object) -> Iterator[tuple[object, object]]:
    """(name, options) of each plugin, whether mkdocs.yml lists them or maps them."""
    if isinstance(plugins, dict):
        yield from plugins.items()
        return
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict):
            yield from entry.items()
        else:
            yield entry, None


def parse_post_file(path: Path, shown: str) -> ParsedSource | list[Problem]:
    """Read and parse one post file; unreadable files are problems too."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [Problem(shown, None, "no such file")]
    except UnicodeDecodeError as error:
        return [Problem(shown, None, f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8")]
    except OSError as error:
        return [Problem(shown, None, f"cannot read the file ({error.strerror})")]
    return parse_source(text, shown)


def write_new_file(project: Project, path: Path, text: str) -> None:
    """Create `path`, never replacing a file, even one that appeared since the caller looked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise CommandError(f"{project.shown(path)} already exists; it was not changed") from None


def refuse(command: str, error: CommandError) -> int:
    print(f"fieldnotes {command}: {error}", file=sys.stderr)
    return 1
