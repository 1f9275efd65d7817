"""The author and tag registries (authors.yml, tags.yml): loaded once, checked, then looked up.

A name, bio or label is either one text for every language or a mapping per language. A language
the mapping leaves out falls back to the default language's text with a warning, so adding a
language to the site never stops the build while its labels are being translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, did_you_mean
from .validation import is_text
from .yamlfile import YamlDocument, load_yaml

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A path inside docs/: plain segments, none of them "." or "..", no scheme, no leading slash.
DOCS_PATH_RE = re.compile(r"^(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")
AUTHOR_KEYS = ("name", "bio", "avatar", "url")


@dataclass(frozen=True)
class Author:
    id: str
    names: dict[str, str]
    bios: dict[str, str]
    avatar: str | None
    url: str | None

    def name(self, lang: str) -> str:
        return self.names.get(lang) or next(iter(self.names.values()))

    def bio(self, lang: str) -> str:
        return self.bios.get(lang) or next(iter(self.bios.values()), "")


@dataclass(frozen=True)
class Tag:
    id: str
    labels: dict[str, str]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.id


class _Reader:
    """One registry file: its parsed document and the problems found in it."""

    def __init__(self, path: Path, languages: list[str]) -> None:
        self.path = path
        self.name = path.name
        self.languages = languages
        self.problems: list[Problem] = []
        self.document: YamlDocument | None = None

    def load(self) -> dict | None:
        if not self.path.is_file():
            self.problems.append(Problem(self.name, None, "the registry file is missing"))
            return None
        try:
            source = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.append(Problem(self.name, None, "the file is not valid UTF-8 text"))
            return None
        self.document, problems = load_yaml(source, self.name)
        self.problems += problems
        data = self.document.data if self.document else None
        if self.document is not None and (not isinstance(data, dict) or not data):
            self.problems.append(Problem(self.name, 1, "expected a mapping of ids to entries"))
            return None
        return data

    def line(self, *path: str) -> int | None:
        """The line of a key, else of the nearest enclosing key that is written down."""
        while path and self.document:
            line = self.document.line_of(*path)
            if line is not None:
                return line
            path = path[:-1]
        return None

    def problem(self, message: str, *path: str, warning: bool = False, suggestion: str | None = None) -> None:
        self.problems.append(
            Problem(self.name, self.line(*path), message, key=path[-1] if path else None, suggestion=suggestion, warning=warning)
        )

    def per_language(self, value: object, path: tuple[str, ...], what: str) -> dict[str, str] | None:
        """One text per site language, or None (with a problem) when `value` is neither a text nor a mapping of texts."""
        if is_text(value):
            return {lang: value for lang in self.languages}
        if not isinstance(value, dict) or not value or not all(is_text(v) for v in value.values()):
            example = ", ".join(f"{lang}: ..." for lang in self.languages)
            self.problem(f"{what} needs a text, or one per language: {{{example}}}", *path)
            return None
        for lang in value:
            if lang not in self.languages:
                self.problem(
                    f"{what}: '{lang}' is not a language of the site ({', '.join(self.languages)})",
                    *path,
                    suggestion=did_you_mean(str(lang), self.languages),
                )
        default = self.languages[0]
        if default not in value:
            self.problem(f"{what} has no text in the default language '{default}'", *path)
            return None
        texts = {}
        for lang in self.languages:
            if lang in value:
                texts[lang] = value[lang]
            else:
                self.problem(f"{what} has no '{lang}' text; using the '{default}' one", *path, warning=True)
                texts[lang] = value[default]
        return texts


def is_docs_image_path(value: object) -> bool:
    return isinstance(value, str) and bool(DOCS_PATH_RE.match(value)) and value.lower().endswith(IMAGE_SUFFIXES)


def load_authors(path: Path, languages: list[str]) -> tuple[dict[str, Author], list[Problem]]:
    reader = _Reader(path, languages)
    data = reader.load()
    authors: dict[str, Author] = {}
    for key, entry in (data or {}).items():
        key_text = str(key)
        if not isinstance(key, str) or not ID_RE.match(key):
            reader.problem(f"author id {key!r} must be lowercase letters, digits and '-'", key_text)
            continue
        if not isinstance(entry, dict):
            reader.problem(f"author '{key}' must be a mapping with name and bio", key)
            continue
        for extra in sorted(set(entry) - set(AUTHOR_KEYS)):
            reader.problem(
                f"author '{key}' has unknown key '{extra}'.", key, str(extra), suggestion=did_you_mean(str(extra), AUTHOR_KEYS)
            )
        names = reader.per_language(entry.get("name"), (key, "name"), f"author '{key}': the name")
        bios = reader.per_language(entry["bio"], (key, "bio"), f"author '{key}': the bio") if entry.get("bio") else {}
        if names is None or bios is None:
            continue
        avatar, url = entry.get("avatar"), entry.get("url")
        if avatar is not None and not is_docs_image_path(avatar):
            reader.problem(
                f"author '{key}': avatar must be an image inside docs/, written relative to it, e.g. assets/authors/{key}.svg",
                key,
                "avatar",
            )
            continue
        if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
            reader.problem(f"author '{key}': url must start with https://", key, "url")
            continue
        authors[key] = Author(key, names, bios, avatar, url)
    return authors, reader.problems


def missing_avatars(authors: dict[str, Author], docs_dir: Path, registry_file: str) -> list[Problem]:
    """Avatars that name no file in docs/ (the form of each path was checked when the registry was read)."""
    return [
        Problem(registry_file, None, f"author '{author.id}': the avatar {author.avatar} is not a file in docs/", key="avatar")
        for author in authors.values()
        if author.avatar and not (docs_dir / author.avatar).is_file()
    ]


def load_tags(path: Path, languages: list[str]) -> tuple[dict[str, Tag], list[Problem]]:
    reader = _Reader(path, languages)
    data = reader.load()
    tags: dict[str, Tag] = {}
    for key, entry in (data or {}).items():
        if not isinstance(key, str) or not ID_RE.match(key):
            reader.problem(f"tag id {key!r} must be lowercase letters, digits and '-'", str(key))
            continue
        labels = reader.per_language(entry, (key,), f"tag '{key}': the label")
        if labels is not None:
            tags[key] = Tag(key, labels)
    return tags, reader.problems


def unknown_id_message(kind: str, value: str, known: dict) -> tuple[str, str | None]:
    """The message and suggestion for an id that is not in a registry."""
    guess = did_you_mean(value, known, cutoff=0.5)
    listing = "" if guess else f" Known {kind}s: {', '.join(sorted(known))}."
    return f"unknown {kind} '{value}' (not in the {kind} registry).{listing}", guess


def unknown_id_text(kind: str, value: str, known: dict) -> str:
    """The same, as one line for a command's output."""
    message, guess = unknown_id_message(kind, value, known)
    return message + (f" Did you mean '{guess}'?" if guess else "")
