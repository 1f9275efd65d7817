"""Translation parity: an original and its translation share anchors, code, links, figures, embeds and mathematics.

Prose differs between languages; structure must not. Each check yields (line, message) pairs
against the translation, like a linter, so a translator can jump to the spot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from .math.inventory import MathInventory, math_inventory

HEADING_RE = re.compile(r"^(?P<hashes>#{2,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<id>[\w-]+)[^}]*\})?\s*$")
FENCE_RE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.DOTALL | re.MULTILINE)
IMAGE_RE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")
LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\((?P<href>[^)\s]+)")
ADMONITION_RE = re.compile(r"^(?:!!!|\?\?\?\+?)\s*(?P<kind>[\w-]+)", re.MULTILINE)
TRANSLATABLE_EMBED_KEYS = {"caption", "title"}
EMBED_FENCES = {"3dmol", "space"}


@dataclass
class Structure:
    headings: list[tuple[int, str | None, str]]  # (line, id, text)
    code: list[tuple[int, str, str]]  # (line, info, body)
    embeds: list[tuple[int, str, dict]]  # (line, kind, options without translatable keys)
    images: list[tuple[int, str]]
    links: list[tuple[int, str]]
    admonitions: list[tuple[int, str]]
    math: MathInventory


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_structure(body: str, first_line: int = 1) -> Structure:
    shift = first_line - 1
    code, embeds = [], []
    for match in FENCE_RE.finditer(body):
        line = _line(body, match.start()) + shift
        info = match["info"].strip()
        kind = info.split()[0].lstrip(".{") if info else ""
        if kind in EMBED_FENCES:
            try:
                options = yaml.safe_load(match["body"]) or {}
            except yaml.YAMLError:
                options = {"unparsable": match["body"]}
            if isinstance(options, dict):
                options = {k: v for k, v in options.items() if k not in TRANSLATABLE_EMBED_KEYS}
            embeds.append((line, kind, options))
        else:
            code.append((line, info, match["body"]))
    prose = FENCE_RE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    headings = []
    for number, text in enumerate(prose.splitlines(), start=first_line):
        match = HEADING_RE.match(text)
        if match:
            headings.append((number, match["id"], match["text"]))
    images = [(_line(prose, m.start()) + shift, m["src"]) for m in IMAGE_RE.finditer(prose)]
    links = [(_line(prose, m.start()) + shift, m["href"]) for m in LINK_RE.finditer(prose)]
    admonitions = [(_line(prose, m.start()) + shift, m["kind"]) for m in ADMONITION_RE.finditer(prose)]
    return Structure(headings, code, embeds, images, links, admonitions, math_inventory(body, first_line))


def compare(original: Structure, translation: Structure, original_name: str) -> Iterator[tuple[int | None, str]]:
    """Everything in which `translation` drifts from `original`, as (line in translation, message)."""
    for line, anchor, text in original.headings + translation.headings:
        if anchor is None:
            yield None, f"heading '{text}' has no explicit anchor: write it as '{text} {{ #some-id }}' in both versions"
    ids = [h[1] for h in original.headings]
    theirs = [h[1] for h in translation.headings]
    if ids != theirs:
        line = next((t[0] for o, t in zip(original.headings, translation.headings) if o[1] != t[1]), None)
        yield line, f"section anchors differ from {original_name}: expected {ids}, found {theirs}"
    if len(original.code) != len(translation.code):
        yield None, f"{len(translation.code)} code blocks, but {original_name} has {len(original.code)}"
    for mine, theirs_block in zip(original.code, translation.code):
        if mine[1:] != theirs_block[1:]:
            yield theirs_block[0], f"code block differs from the one at {original_name}:{mine[0]}; code is shared, not translated"
    if [e[1:] for e in original.embeds] != [e[1:] for e in translation.embeds]:
        line = translation.embeds[0][0] if translation.embeds else None
        yield line, f"embeds (3dmol/space blocks) differ from {original_name}: only 'caption' and 'title' may be translated"
    if [i[1] for i in original.images] != [i[1] for i in translation.images]:
        yield (
            None,
            f"figures differ from {original_name}: expected {[i[1] for i in original.images]}, found {[i[1] for i in translation.images]}",
        )
    mine_links, their_links = {l[1] for l in original.links}, {l[1] for l in translation.links}
    for href in sorted(mine_links - their_links):
        yield None, f"link to {href} is in {original_name} but not in the translation"
    for line, href in translation.links:
        if href not in mine_links:
            yield line, f"link to {href} is not in {original_name}"
    if [a[1] for a in original.admonitions] != [a[1] for a in translation.admonitions]:
        yield (
            None,
            f"admonitions differ from {original_name}: expected {[a[1] for a in original.admonitions]}, found {[a[1] for a in translation.admonitions]}",
        )
    yield from _compare_math(original.math, translation.math, original_name)


def _compare_math(original: MathInventory, translation: MathInventory, original_name: str) -> Iterator[tuple[int | None, str]]:
    if original.formula_count != translation.formula_count:
        yield (
            None,
            f"{translation.formula_count} formulas, but {original_name} has {original.formula_count}; formulas are shared, not translated",
        )
    if original.equation_ids != translation.equation_ids:
        pairs = zip(original.equation_ids, translation.equation_ids, translation.equation_lines)
        line = next((line for mine, theirs, line in pairs if mine != theirs), None)
        yield (
            line,
            f"equation ids differ from {original_name}: expected {original.equation_ids}, found {translation.equation_ids}",
        )
