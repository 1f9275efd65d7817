"""Translation status: which version of its original each translation follows.

A translation records the digest of the original's body it was made from (`source_digest`).
When the original changes, its digest no longer matches and the translation is outdated.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .collection import Collection, Post

DIGEST_LINE_RE = re.compile(r"^source_digest:.*$", re.MULTILINE)

UP_TO_DATE, OUTDATED, MISSING, ORIGINAL = "up-to-date", "outdated", "missing", "original"


@dataclass
class VersionState:
    lang: str
    state: str
    post: Post | None
    since: dt.date | None = None  # for outdated translations: when the original last changed


def last_changed(post: Post, root: Path) -> dt.date:
    """When the file last changed: its last commit, else its `updated` or `date`."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", post.source],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
        if out:
            return dt.date.fromisoformat(out)
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return post.meta.updated or post.meta.date


def translation_states(collection: Collection, slug: str, root: Path) -> dict[str, VersionState]:
    original = collection.original(slug)
    states = {}
    for lang in collection.languages:
        post = collection.get(lang, slug)
        if post is None:
            states[lang] = VersionState(lang, MISSING, None)
        elif post is original:
            states[lang] = VersionState(lang, ORIGINAL, post)
        elif post.meta.source_digest == original.digest:
            states[lang] = VersionState(lang, UP_TO_DATE, post)
        else:
            states[lang] = VersionState(lang, OUTDATED, post, last_changed(original, root))
    return states


def stamp(translation: Path, original_digest: str) -> None:
    """Record in `translation`'s front matter that it follows the original with this digest."""
    text = translation.read_text(encoding="utf-8")
    line = f'source_digest: "{original_digest}"'
    if DIGEST_LINE_RE.search(text):
        text = DIGEST_LINE_RE.sub(line, text, count=1)
    else:
        end = text.index("\n---", 3)
        text = text[:end] + "\n" + line + text[end:]
    translation.write_text(text, encoding="utf-8")
