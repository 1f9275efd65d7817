"""The text of a new post: front matter that passes the build, placeholders, and the required structure."""

from __future__ import annotations

import datetime as dt
import json
import re

from ..blog.registry import ID_RE

PLAIN_SCALAR_RE = re.compile(r"^[A-Za-z0-9_][\w./-]*$")

# Placeholder text per post language; other languages get the English one.
PLACEHOLDERS = {
    "en": {
        "description": "TODO: one or two sentences for cards and feeds, under 200 characters.",
        "intro": "TODO: one or two paragraphs on why this matters. They are the excerpt on the post list and in the feeds.",
        "section": "First section",
        "section_body": (
            "TODO: write the article in ## and ### sections. Every heading keeps an explicit English anchor "
            "like the one above, and translations reuse the same anchors."
        ),
        "sources": "Sources",
        "sources_body": "- TODO: one bullet per post or paper this article draws on, linked with its https URL.",
        "tags": "# tags: [llm, quantization]  <- 1 to 4 ids from tags.yml",
    },
    "ja": {
        "description": "TODO: カードやフィードに表示する 1〜2 文の説明（200 文字以内）。",
        "intro": "TODO: この記事を読む理由を 1〜2 段落で書きます。記事一覧とフィードに抜粋として表示されます。",
        "section": "最初の節",
        "section_body": "TODO: ## と ### の節に分けて本文を書きます。見出しには上のように英語の明示的なアンカーを付け、翻訳でも同じアンカーを使います。",
        "sources": "参考文献",
        "sources_body": "- TODO: 参考にした記事や論文を 1 件ずつ、https の URL へのリンクで挙げます。",
        "tags": "# tags: [llm, quantization]  <- tags.yml の id を 1〜4 個",
    },
}


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


def new_post(lang: str, title: str, date: dt.date, authors: list[str], tags: list[str]) -> str:
    text = PLACEHOLDERS.get(lang, PLACEHOLDERS["en"])
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
        f"## {text['sources']} {{ #sources }}",
        text["sources_body"],
    ]
    return front_matter(meta) + "\n" + "\n\n".join(body) + "\n"
