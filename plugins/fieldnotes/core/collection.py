"""All posts of every language, read from their folders and checked against each other.

The collection is shared by the language builds of one site build (static-i18n runs one build
per language) and re-reads only files whose modification time changed while serving.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .fences import without_fences
from .frontmatter import PostMeta, parse_source
from .intro import Intro, read_intro
from .problems import Problem
from .readtime import reading_minutes
from .registry import Author, Tag, load_authors, load_tags, unknown_id_message

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"page", "index", "assets", "feed"}
SYMLINK_MESSAGE = "is a symbolic link: the site publishes files, not links; put the file itself here"
# What `fieldnotes new` and `fieldnotes translate` leave for the author to replace.
PLACEHOLDER_RE = re.compile(r"\bTODO:")


@dataclass
class Post:
    lang: str
    slug: str
    source: str  # path shown to authors, relative to the project
    abs_path: str
    meta: PostMeta
    body: str
    body_line: int
    key_lines: dict[str, int]
    digest: str
    minutes: int
    intro: Intro
    placeholder_line: int | None  # first line still holding a scaffold placeholder

    @property
    def date(self) -> dt.date:
        return self.meta.date

    @property
    def summary(self) -> str:
        return self.meta.description or self.intro.text

    @property
    def is_translation(self) -> bool:
        return self.meta.source_digest is not None

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 2)


def body_digest(body: str) -> str:
    """A short fingerprint of a post body; translations record the one they follow."""
    normal = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def placeholder_line(text: str) -> int | None:
    """The first line of a post file with a scaffold placeholder outside code blocks."""
    prose = without_fences(text)
    match = PLACEHOLDER_RE.search(prose)
    return prose.count("\n", 0, match.start()) + 1 if match else None


def build_date() -> dt.date:
    """The build's notion of today; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


@dataclass
class Collection:
    languages: list[str]
    today: dt.date
    posts: dict[str, dict[str, Post]] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def slugs(self) -> list[str]:
        return sorted({slug for posts in self.posts.values() for slug in posts})

    def get(self, lang: str, slug: str) -> Post | None:
        return self.posts.get(lang, {}).get(slug)

    def versions(self, slug: str) -> dict[str, Post]:
        return {lang: self.posts[lang][slug] for lang in self.languages if slug in self.posts.get(lang, {})}

    def original(self, slug: str) -> Post:
        """The version the others translate: the one without a translation record."""
        versions = self.versions(slug)
        for post in versions.values():
            if not post.is_translation:
                return post
        return next(iter(versions.values()))

    def is_scheduled(self, post: Post) -> bool:
        return post.date > self.today

    def is_unfinished(self, post: Post) -> bool:
        return post.placeholder_line is not None


class CollectionReader:
    """Reads and caches post files; `read()` returns a fresh, fully checked Collection."""

    def __init__(self, root: Path, sources: dict[str, str], authors_file: str, tags_file: str) -> None:
        self.root = root
        self.sources = sources
        self.authors_file = authors_file
        self.tags_file = tags_file
        self._cache: dict[str, tuple[tuple[int, int], Post | list[Problem]]] = {}

    def _read_post(self, lang: str, path: Path) -> Post | list[Problem]:
        source = path.relative_to(self.root).as_posix()
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(source)
        if cached and cached[0] == key:
            return cached[1]
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            result: Post | list[Problem] = [
                Problem(source, None, f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8")
            ]
        else:
            result = parse_post(text, lang, source, str(path))
        self._cache[source] = (key, result)
        return result

    def read(self, today: dt.date | None = None) -> Collection:
        languages = list(self.sources)
        collection = Collection(languages, today or build_date())
        collection.authors, problems = load_authors(self.root / self.authors_file, languages)
        collection.tags, tag_problems = load_tags(self.root / self.tags_file, languages)
        problems += tag_problems
        for lang, folder in self.sources.items():
            collection.posts[lang] = {}
            folded: dict[str, Post] = {}  # lowercased slug -> first post, for case-insensitive file systems
            directory = self.root / folder
            if not directory.is_dir():
                continue
            for path in sorted(directory.iterdir()):
                if path.suffix != ".md" or (path.is_dir() and not path.is_symlink()):
                    continue
                if path.is_symlink():
                    # A link could publish any file the build can read, from outside the repository.
                    problems.append(Problem(path.relative_to(self.root).as_posix(), None, SYMLINK_MESSAGE))
                    continue
                result = self._read_post(lang, path)
                if isinstance(result, list):
                    problems += result
                    continue
                problems += _check_slug(result, folded)
                folded.setdefault(result.slug.lower(), result)
                collection.posts[lang][result.slug] = result
        if not any(not problem.warning for problem in problems):
            problems += check_collection(collection)
        collection.problems = problems
        return collection


def parse_post(text: str, lang: str, source: str, abs_path: str) -> Post | list[Problem]:
    """The post written in `text`, the file `source` (as authors see its path) of `lang`; its problems if it is not one."""
    parsed = parse_source(text, source)
    if isinstance(parsed, list):
        return parsed
    return Post(
        lang=lang,
        slug=PurePosixPath(source).stem,
        source=source,
        abs_path=abs_path,
        meta=parsed.meta,
        body=parsed.body,
        body_line=parsed.body_line,
        key_lines=parsed.key_lines,
        digest=body_digest(parsed.body),
        minutes=reading_minutes(parsed.body),
        intro=read_intro(parsed.body),
        placeholder_line=placeholder_line(text),
    )


def check_collection(collection: Collection) -> list[Problem]:
    """What no single post shows: unknown authors and tags, and translations that disagree with their original."""
    return _check_references(collection) + _check_translations(collection)


def slug_problem(slug: str) -> str | None:
    if not SLUG_RE.match(slug):
        return f"'{slug}' is not a URL-safe slug: use lowercase letters, digits and single hyphens, e.g. 4bit-quantization"
    if slug in RESERVED_SLUGS:
        return f"'{slug}' is reserved for generated pages ({', '.join(sorted(RESERVED_SLUGS))}); choose another slug"
    return None


def _check_slug(post: Post, seen: dict[str, Post]) -> list[Problem]:
    problems = []
    problem = slug_problem(post.slug)
    if problem:
        problems.append(Problem(post.source, None, f"the file name: {problem}"))
    other = seen.get(post.slug.lower())
    if other is not None:
        problems.append(Problem(post.source, None, f"duplicate slug: {other.source} already uses the URL of this post"))
    return problems


def _check_references(collection: Collection) -> list[Problem]:
    problems = []
    for posts in collection.posts.values():
        for post in posts.values():
            meta = post.meta
            for key in ("authors", "translators", "proofreaders"):
                for author in meta[key]:
                    if author not in collection.authors:
                        message, guess = unknown_id_message("author", author, collection.authors)
                        problems.append(Problem(post.source, post.line_of(key), message, key=key, suggestion=guess))
            for tag in meta.tags:
                if tag not in collection.tags:
                    message, guess = unknown_id_message("tag", tag, collection.tags)
                    problems.append(Problem(post.source, post.line_of("tags"), message, key="tags", suggestion=guess))
            if meta.updated and meta.updated < meta.date:
                problems.append(
                    Problem(
                        post.source,
                        post.line_of("updated"),
                        f"'updated' ({meta.updated}) is before 'date' ({meta.date}); it must be the same day or later",
                        key="updated",
                    )
                )
    return problems


def _check_translations(collection: Collection) -> list[Problem]:
    problems = []
    for slug in collection.slugs():
        versions = collection.versions(slug)
        translations = [post for post in versions.values() if post.is_translation]
        originals = [post for post in versions.values() if not post.is_translation]
        for post in translations:
            if not originals:
                problems.append(
                    Problem(
                        post.source,
                        post.line_of("source_digest"),
                        f"records a translation ('source_digest') of a post that does not exist: no original '{slug}.md' in another language folder",
                        key="source_digest",
                    )
                )
        if len(originals) > 1 and len(versions) > 1:
            for post in originals[1:]:
                problems.append(
                    Problem(
                        post.source,
                        2,
                        f"both {originals[0].source} and {post.source} claim to be the original; mark the translation with 'source_digest' (run `fieldnotes translate --stamp {post.source}`)",
                    )
                )
        if len(versions) > 1:
            reference = collection.original(slug)
            for post in versions.values():
                if post is reference:
                    continue
                if post.meta.date != reference.meta.date:
                    problems.append(
                        Problem(
                            post.source,
                            post.line_of("date"),
                            f"'date' is {post.meta.date} but the original {reference.source} says {reference.meta.date}; translations keep the original's date",
                            key="date",
                        )
                    )
                if sorted(post.meta.tags) != sorted(reference.meta.tags):
                    problems.append(
                        Problem(
                            post.source,
                            post.line_of("tags"),
                            f"'tags' are {post.meta.tags} but the original {reference.source} has {reference.meta.tags}; translations keep the original's tags",
                            key="tags",
                        )
                    )
    return problems
