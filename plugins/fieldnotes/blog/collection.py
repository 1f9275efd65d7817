"""All posts of every language, read from posts/ and ja/ and checked against each other.

The collection is shared by the language builds of one `mkdocs build` (static-i18n runs one
build per language) and re-reads only files whose modification time changed under `serve`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .frontmatter import PostMeta, SourceProblem, parse_source
from .readtime import prose_of, reading_minutes
from .registry import Author, Tag, load_authors, load_tags, unknown_id_message

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"page", "index", "assets", "feed"}
MORE_RE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.MULTILINE | re.IGNORECASE)
PARAGRAPH_RE = re.compile(r"\n\s*\n")


@dataclass
class Post:
    lang: str
    slug: str
    source: str  # path shown to authors, relative to the repository
    abs_path: str
    meta: PostMeta
    body: str
    body_line: int
    key_lines: dict[str, int]
    digest: str
    minutes: int
    summary: str
    has_more: bool

    @property
    def date(self) -> dt.date:
        return self.meta.date

    @property
    def is_translation(self) -> bool:
        return self.meta.source_digest is not None

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 2)


def body_digest(body: str) -> str:
    """A short fingerprint of a post body; translations record the one they follow."""
    normal = "\n".join(line.rstrip() for line in body.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:12]


def plain_summary(meta: PostMeta, body: str) -> tuple[str, bool]:
    """The card/feed summary as plain text and whether the post has a `<!-- more -->` marker."""
    marker = MORE_RE.search(body)
    intro = body[: marker.start()] if marker else body
    paragraphs = [
        p.strip() for p in PARAGRAPH_RE.split(intro) if p.strip() and not p.lstrip().startswith(("#", "```", "!!!", "|"))
    ]
    first = " ".join(prose_of(paragraphs[0]).split()) if paragraphs else ""
    return (meta.description or first), bool(marker)


@dataclass
class Collection:
    languages: list[str]
    posts: dict[str, dict[str, Post]] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    problems: list[SourceProblem] = field(default_factory=list)

    @property
    def default_language(self) -> str:
        return self.languages[0]

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


class CollectionReader:
    """Reads and caches post files; `read()` returns a fresh, fully checked Collection."""

    def __init__(self, root: Path, sources: dict[str, str], authors_file: str, tags_file: str) -> None:
        self.root = root
        self.sources = sources
        self.authors_file = authors_file
        self.tags_file = tags_file
        self._cache: dict[str, tuple[tuple[int, int], Post | list[SourceProblem]]] = {}

    def _read_post(self, lang: str, path: Path) -> Post | list[SourceProblem]:
        source = path.relative_to(self.root).as_posix()
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(source)
        if cached and cached[0] == key:
            return cached[1]
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            result: Post | list[SourceProblem] = [
                SourceProblem(source, None, f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8")
            ]
        else:
            parsed = parse_source(text, source)
            if isinstance(parsed, list):
                result = parsed
            else:
                summary, has_more = plain_summary(parsed.meta, parsed.body)
                result = Post(
                    lang=lang,
                    slug=path.stem,
                    source=source,
                    abs_path=str(path),
                    meta=parsed.meta,
                    body=parsed.body,
                    body_line=parsed.body_line,
                    key_lines=parsed.key_lines,
                    digest=body_digest(parsed.body),
                    minutes=reading_minutes(parsed.body),
                    summary=summary,
                    has_more=has_more,
                )
        self._cache[source] = (key, result)
        return result

    def read(self) -> Collection:
        languages = list(self.sources)
        collection = Collection(languages)
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
                if path.is_dir() or path.suffix != ".md":
                    continue
                result = self._read_post(lang, path)
                if isinstance(result, list):
                    problems += result
                    continue
                problems += _check_slug(result, folded)
                folded.setdefault(result.slug.lower(), result)
                collection.posts[lang][result.slug] = result
        if not problems:
            problems += _check_references(collection)
            problems += _check_translations(collection)
        collection.problems = problems
        return collection


def _check_slug(post: Post, seen: dict[str, Post]) -> list[SourceProblem]:
    problems = []
    if not SLUG_RE.match(post.slug):
        problems.append(
            SourceProblem(
                post.source,
                None,
                f"the file name '{post.slug}' is not a URL-safe slug: use lowercase letters, digits and single hyphens, e.g. 4bit-quantization.md",
            )
        )
    elif post.slug in RESERVED_SLUGS:
        problems.append(
            SourceProblem(post.source, None, f"'{post.slug}' is reserved for generated pages; choose another file name")
        )
    other = seen.get(post.slug.lower())
    if other is not None:
        problems.append(SourceProblem(post.source, None, f"duplicate slug: {other.source} already uses the URL of this post"))
    return problems


def _check_references(collection: Collection) -> list[SourceProblem]:
    problems = []
    for posts in collection.posts.values():
        for post in posts.values():
            meta = post.meta
            for key in ("authors", "translators", "proofreaders"):
                for author in meta[key]:
                    if author not in collection.authors:
                        problems.append(
                            SourceProblem(
                                post.source, post.line_of(key), unknown_id_message("author", author, collection.authors)
                            )
                        )
            for tag in meta.tags:
                if tag not in collection.tags:
                    problems.append(
                        SourceProblem(post.source, post.line_of("tags"), unknown_id_message("tag", tag, collection.tags))
                    )
            if meta.updated and meta.updated < meta.date:
                problems.append(
                    SourceProblem(
                        post.source,
                        post.line_of("updated"),
                        f"'updated' ({meta.updated}) is before 'date' ({meta.date}); it must be the same day or later",
                    )
                )
    return problems


def _check_translations(collection: Collection) -> list[SourceProblem]:
    problems = []
    for slug in collection.slugs():
        versions = collection.versions(slug)
        translations = [post for post in versions.values() if post.is_translation]
        originals = [post for post in versions.values() if not post.is_translation]
        for post in translations:
            if not originals:
                problems.append(
                    SourceProblem(
                        post.source,
                        post.line_of("source_digest"),
                        f"records a translation ('source_digest') of a post that does not exist: no original '{slug}.md' in another language folder",
                    )
                )
        if len(originals) > 1 and len(versions) > 1:
            later = originals[1:]
            for post in later:
                problems.append(
                    SourceProblem(
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
                        SourceProblem(
                            post.source,
                            post.line_of("date"),
                            f"'date' is {post.meta.date} but the original {reference.source} says {reference.meta.date}; translations keep the original's date",
                        )
                    )
                if sorted(post.meta.tags) != sorted(reference.meta.tags):
                    problems.append(
                        SourceProblem(
                            post.source,
                            post.line_of("tags"),
                            f"'tags' are {post.meta.tags} but the original {reference.source} has {reference.meta.tags}; translations keep the original's tags",
                        )
                    )
    return problems


def today() -> dt.date:
    """The build's notion of today; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
