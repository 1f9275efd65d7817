"""The text of a new post: front matter that passes the build, placeholders, and the required structure.

A post cites each work where it uses it (`[@key]`, with a References section made by the build), so the
scaffold has no list of sources: it ends with its first section.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from ..core.registry import ID_RE

PLAIN_SCALAR_RE = re.compile(r"^[A-Za-z0-9_][\w./-]*$")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it."""
    return json.dumps(text, ensure_ascii=False)


def scalar(text: str) -> str:
    """Plain when YAML reads it back as the same text (paths, ids), quoted otherwise."""
    return text if PLAIN_SCALAR_RE.match(text) else quoted(text)


def id_list(ids: list[str]) -> str:
    return "[" + ", ".join(i if ID_RE.match(i) else quoted(i) for i in ids) + "]"


def front_matter(lines: list[str]) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n"


def title_from_slug(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def new_post(text: dict[str, str], title: str, date: dt.date, authors: list[str], tags: list[str]) -> str:
    """A post with the placeholders `text` (the `scaffold` group of the post language's interface text)."""
    meta = [
        f"title: {quoted(title)}",
        f"date: {date.isoformat()}",
        f"authors: {id_list(authors)}",
        f"tags: {id_list(tags)}" if tags else text["tags"],
        f"description: {quoted(text['description'])}",
    ]
    body = [
        text["intro"],
        "<!-- more -->",
        f"## {text['section']} {{ #first-section }}",
        text["section_body"],
    ]
    return front_matter(meta) + "\n" + "\n\n".join(body) + "\n"
