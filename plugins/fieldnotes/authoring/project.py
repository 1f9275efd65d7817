"""The project the authoring commands work on: its mkdocs.yml, post folders and registries."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..blog.collection import RESERVED_SLUGS, SLUG_RE, Collection, CollectionReader
from ..blog.config import BlogConfig
from ..blog.frontmatter import ParsedSource, SourceProblem, parse_source
from ..blog.registry import Author, Tag, load_authors, load_tags

BLOG_PLUGIN = "fieldnotes/blog"


class CommandError(Exception):
    """A refusal, or a problem the author must fix first; the message says what and how."""


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what `!!python/name:` or `!ENV` tags point at."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path  # resolved folder of mkdocs.yml
    sources: dict[str, str]  # language -> folder of its posts, the default language first
    authors_file: str
    tags_file: str

    @property
    def languages(self) -> list[str]:
        return list(self.sources)

    def post_path(self, lang: str, slug: str) -> Path:
        return self.root / self.sources[lang] / f"{slug}.md"

    def slugs_on_disk(self) -> list[str]:
        return sorted({path.stem for folder in self.sources.values() for path in (self.root / folder).glob("*.md")})

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project when it is inside."""
        resolved = path.resolve()
        return resolved.relative_to(self.root).as_posix() if resolved.is_relative_to(self.root) else str(path)

    def locate(self, path: Path) -> tuple[str, str]:
        """(language, slug) of a post file named on the command line."""
        resolved = path.resolve()
        for lang, folder in self.sources.items():
            if resolved.suffix == ".md" and resolved.parent == self.root / folder:
                return lang, resolved.stem
        expected = " or ".join(f"{folder}/<slug>.md" for folder in self.sources.values())
        raise CommandError(f"{path}: not a post file; expected {expected}")

    def read_collection(self) -> Collection:
        return CollectionReader(self.root, self.sources, self.authors_file, self.tags_file).read()

    def registries(self) -> tuple[dict[str, Author], dict[str, Tag], list[SourceProblem]]:
        authors, problems = load_authors(self.root / self.authors_file, self.languages)
        tags, tag_problems = load_tags(self.root / self.tags_file, self.languages)
        return authors, tags, problems + tag_problems

    def checked_registries(self) -> tuple[dict[str, Author], dict[str, Tag]]:
        """The author and tag registries, refused when either has a problem."""
        authors, tags, problems = self.registries()
        if problems:
            raise CommandError("fix the registries first:\n  " + "\n  ".join(str(problem) for problem in problems))
        return authors, tags


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
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise CommandError(f"{config_file}: not readable as YAML ({error})") from None
    options = _blog_options(data)
    if options is None:
        raise CommandError(
            f"{config_file}: the {BLOG_PLUGIN} plugin is not listed under 'plugins'; the posts are configured there"
        )
    config = BlogConfig(config_file_path=str(config_file))
    config.load_dict(options)
    failed, _ = config.validate()
    if failed:
        raise CommandError(f"{config_file}: {BLOG_PLUGIN} options: " + "; ".join(f"'{key}': {error}" for key, error in failed))
    sources = config.sources
    if not sources or not all(isinstance(lang, str) and isinstance(folder, str) for lang, folder in sources.items()):
        raise CommandError(
            f"{config_file}: {BLOG_PLUGIN} 'sources' must map each language to its posts folder, e.g. {{en: posts, ja: ja}}"
        )
    return Project(config_file.resolve().parent, dict(sources), config.authors_file, config.tags_file)


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


def slug_problem(slug: str) -> str | None:
    if not SLUG_RE.match(slug):
        return f"'{slug}' is not a URL-safe slug: use lowercase letters, digits and single hyphens, e.g. 4bit-quantization"
    if slug in RESERVED_SLUGS:
        return f"'{slug}' is reserved for generated pages ({', '.join(sorted(RESERVED_SLUGS))}); choose another slug"
    return None


def parse_post_file(path: Path, shown: str) -> ParsedSource | list[SourceProblem]:
    """Read and parse one post file; unreadable files are problems too."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [SourceProblem(shown, None, "no such file")]
    except UnicodeDecodeError as error:
        return [SourceProblem(shown, None, f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8")]
    except OSError as error:
        return [SourceProblem(shown, None, f"cannot read the file ({error.strerror})")]
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
