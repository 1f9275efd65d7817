"""The first draft of a translation: the original's structure with its prose left to the translator.

Headings keep their anchors, code and embed fences are copied byte for byte, the lines that open and
close a block (`/// figure | fig-id`, `///`) stay as they are, and every paragraph or list item becomes
one placeholder line that points at the original's line and lists what the translation keeps as written:
the paragraph's links and figures, and what the features read in it (citations, formulas).
"""

from __future__ import annotations

import re

from ..core.features import kept_in
from ..core.fences import find_fences
from ..core.frontmatter import ParsedSource
from .scaffold import front_matter, id_list, quoted, scalar

TODO = "TODO: translate — "
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*(?P<attrs>\{[^}]*\})?[ \t]*$")
ADMONITION_RE = re.compile(r'^(?P<head>[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
COMMENT_RE = re.compile(r"^[ \t]*<!--.*-->[ \t]*$")
BLOCK_LINE_RE = re.compile(r"^[ \t]*/{3,}")  # opens (`/// name | argument`) or closes (`///`) a block
LIST_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])[ \t]+")
TABLE_ROW_RE = re.compile(r"^[ \t]*\|")
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\](?P<target>\([^)]*\)(?:\{[^}]*\})?)")
LINK_OR_IMAGE_RE = re.compile(r"!?\[[^\]]*\]\([^)]*\)")


def translation_draft(original: ParsedSource, source: str, translator: str | None, digest: str) -> str:
    """The full text of a new translation of `original` (shown to authors as `source`)."""
    meta = original.meta
    lines = [
        f"title: {quoted(TODO + meta.title)}",
        f"date: {meta.date.isoformat()}",
        f"authors: {id_list(meta.authors)}",
    ]
    if meta.tags:
        lines.append(f"tags: {id_list(meta.tags)}")
    if meta.description:
        lines.append(f"description: {quoted(TODO + meta.description)}")
    if meta.colab:
        lines.append(f"colab: {scalar(meta.colab)}")
    if meta.draft:
        lines.append("draft: true")
    lines.append(
        f"translators: {id_list([translator])}" if translator else "# translators: [your-author-id]  <- from authors.yml"
    )
    lines.append(f"source_digest: {quoted(digest)}")
    return front_matter(lines) + "\n" + draft_body(original.body, source, original.body_line)


def draft_body(body: str, source: str, first_line: int) -> str:
    lines = body.splitlines()
    fence_ends = {fence.line - 1: fence.end_line for fence in find_fences(body)}  # opening -> index past the closing
    blocks = []
    in_block = False  # between a block's opening and closing lines
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
        elif index in fence_ends:
            end = min(fence_ends[index], len(lines))
            blocks.append("\n".join(lines[index:end]))
            index = end
        elif _is_single_line_block(line):
            if BLOCK_LINE_RE.match(line):
                in_block = line.strip().strip("/") != ""
            blocks.append(_single_line(line))
            index += 1
        else:
            end = _paragraph_end(lines, index, fence_ends)
            blocks.append(_placeholder(lines[index:end], source, first_line + index, in_block))
            index = end
    return "\n\n".join(blocks) + "\n"


def _is_single_line_block(line: str) -> bool:
    return bool(HEADING_RE.match(line) or COMMENT_RE.match(line) or ADMONITION_RE.match(line) or BLOCK_LINE_RE.match(line))


def _single_line(line: str) -> str:
    """Headings and admonition titles are marked for translation; comments (`<!-- more -->`) and the lines
    that open and close a block stay as they are."""
    heading = HEADING_RE.match(line)
    if heading:
        attrs = f" {heading['attrs']}" if heading["attrs"] else ""
        return f"{heading['hashes']} {TODO}{heading['text']}{attrs}"
    admonition = ADMONITION_RE.match(line)
    if admonition and admonition["title"]:
        return f'{admonition["head"]} "{TODO}{admonition["title"]}"'
    return line


def _paragraph_end(lines: list[str], start: int, fence_ends: dict[int, int]) -> int:
    index = start + 1
    while index < len(lines) and lines[index].strip() and index not in fence_ends and not _is_single_line_block(lines[index]):
        index += 1
    return index


def _placeholder(chunk: list[str], source: str, line: int, in_block: bool = False) -> str:
    indent = chunk[0][: len(chunk[0]) - len(chunk[0].lstrip())]
    if all(TABLE_ROW_RE.match(row) for row in chunk):
        if in_block:  # a table block starts with its table: the note goes between the table and its caption
            return "\n".join(chunk) + f"\n\n{indent}{TODO}the table above ({source}:{line})"
        return f"{indent}{TODO}the table below ({source}:{line})\n\n" + "\n".join(chunk)
    if LIST_ITEM_RE.match(chunk[0]):
        return "\n".join(
            f"{item_indent}{marker} {TODO}{source}:{line + offset}{_keeping(text)}"
            for offset, item_indent, marker, text in _list_items(chunk)
        )
    text = " ".join(row.strip() for row in chunk)
    if IMAGE_RE.search(text) and not IMAGE_RE.sub("", text).strip():
        return indent + " ".join(f"![{TODO}{image['alt']}]{image['target']}" for image in IMAGE_RE.finditer(text))
    return f"{indent}{TODO}{source}:{line}{_keeping(text)}"


def _list_items(chunk: list[str]) -> list[tuple[int, str, str, str]]:
    """(offset in chunk, indent, marker, text) of each item at the first item's depth; deeper lines join their item."""
    depth = len(LIST_ITEM_RE.match(chunk[0])["indent"])
    items: list[list] = []
    for offset, row in enumerate(chunk):
        item = LIST_ITEM_RE.match(row)
        if item and len(item["indent"]) == depth:
            items.append([offset, item["indent"], item["marker"], row[item.end() :].strip()])
        else:
            items[-1][3] += " " + row.strip()
    return [tuple(item) for item in items]


def _keeping(text: str) -> str:
    """The paragraph's links and images, citations and formulas, which the translation must keep."""
    found = LINK_OR_IMAGE_RE.findall(text) + kept_in(text)
    kept = sorted(found, key=lambda item: text.find(item) % (len(text) + 1))  # in reading order; a display formula last
    return f"; keep {', '.join(kept)}" if kept else ""
