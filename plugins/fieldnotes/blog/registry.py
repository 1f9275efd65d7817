"""The author and tag registries (authors.yml, tags.yml): loaded once, checked, then looked up."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .frontmatter import SourceProblem

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
AUTHOR_KEYS = {"name", "bio", "avatar", "url"}


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


def _per_language(value: object, languages: list[str]) -> dict[str, str] | None:
    """Accept `text` (same in every language) or `{en: ..., ja: ...}` covering every language."""
    if isinstance(value, str) and value.strip():
        return {lang: value for lang in languages}
    if isinstance(value, dict) and set(value) == set(languages) and all(isinstance(v, str) and v.strip() for v in value.values()):
        return {lang: value[lang] for lang in languages}
    return None


def _load_mapping(path: Path) -> tuple[dict | None, list[SourceProblem]]:
    name = path.name
    if not path.is_file():
        return None, [SourceProblem(name, None, "the registry file is missing")]
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, [SourceProblem(name, None, "the file is not valid UTF-8 text")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [
            SourceProblem(name, mark.line + 1 if mark else None, f"not valid YAML ({getattr(error, 'problem', error)})")
        ]
    if not isinstance(data, dict) or not data:
        return None, [SourceProblem(name, 1, "expected a mapping of ids to entries")]
    return data, []


def _line_of(path: Path, key: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return None


def load_authors(path: Path, languages: list[str]) -> tuple[dict[str, Author], list[SourceProblem]]:
    data, problems = _load_mapping(path)
    if data is None:
        return {}, problems
    authors = {}
    for key, entry in data.items():
        line = _line_of(path, str(key))
        where = SourceProblem
        if not isinstance(key, str) or not ID_RE.match(key):
            problems.append(where(path.name, line, f"author id {key!r} must be lowercase letters, digits and '-'"))
            continue
        if not isinstance(entry, dict):
            problems.append(where(path.name, line, f"author '{key}' must be a mapping with name and bio"))
            continue
        unknown = set(entry) - AUTHOR_KEYS
        for extra in sorted(unknown):
            guess = difflib.get_close_matches(extra, AUTHOR_KEYS, n=1)
            hint = f" Did you mean '{guess[0]}'?" if guess else ""
            problems.append(where(path.name, line, f"author '{key}' has unknown key '{extra}'.{hint}"))
        names = _per_language(entry.get("name"), languages)
        bios = _per_language(entry.get("bio", ""), languages) if entry.get("bio") else {}
        if names is None:
            problems.append(
                where(path.name, line, f"author '{key}' needs a name: a text or {{{', '.join(f'{l}: ...' for l in languages)}}}")
            )
            continue
        if bios is None:
            problems.append(where(path.name, line, f"author '{key}' has a bio that is neither a text nor one per language"))
            continue
        avatar, url = entry.get("avatar"), entry.get("url")
        if avatar is not None and (not isinstance(avatar, str) or "://" in avatar or avatar.startswith("/")):
            problems.append(
                where(path.name, line, f"author '{key}': avatar must be a path inside docs/, e.g. assets/authors/{key}.svg")
            )
            continue
        if url is not None and (not isinstance(url, str) or not url.startswith("https://")):
            problems.append(where(path.name, line, f"author '{key}': url must start with https://"))
            continue
        authors[key] = Author(key, names, bios, avatar, url)
    return authors, problems


def load_tags(path: Path, languages: list[str]) -> tuple[dict[str, Tag], list[SourceProblem]]:
    data, problems = _load_mapping(path)
    if data is None:
        return {}, problems
    tags = {}
    for key, entry in data.items():
        line = _line_of(path, str(key))
        if not isinstance(key, str) or not ID_RE.match(key):
            problems.append(SourceProblem(path.name, line, f"tag id {key!r} must be lowercase letters, digits and '-'"))
            continue
        labels = _per_language(entry, languages)
        if labels is None:
            problems.append(
                SourceProblem(
                    path.name, line, f"tag '{key}' needs a label per language: {{{', '.join(f'{l}: ...' for l in languages)}}}"
                )
            )
            continue
        tags[key] = Tag(key, labels)
    return tags, problems


def unknown_id_message(kind: str, value: str, known: dict) -> str:
    guess = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    hint = f" Did you mean '{guess[0]}'?" if guess else f" Known {kind}s: {', '.join(sorted(known))}."
    return f"unknown {kind} '{value}' (not in the {kind} registry).{hint}"
