"""Translation parity: an original and its translation share anchors, code, links, figures, admonitions,
and what each feature of the registry keeps (embeds, mathematics, citations, numbered figures).

Prose differs between languages; structure must not. Each check yields (line, message) pairs
against the translation, like a linter, so a translator can jump to the spot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .collection import Collection
from .features import FEATURES
from .features.feature import Inventory
from .fences import find_fences, without_fences
from .problems import Problem

HEADING_RE = re.compile(r"^(?P<hashes>#{2,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<id>[\w-]+)[^}]*\})?\s*$")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")
LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\((?P<href>[^)\s]+)")
ADMONITION_RE = re.compile(r"^(?:!!!|\?\?\?\+?)\s*(?P<kind>[\w-]+)", re.MULTILINE)


@dataclass
class Structure:
    headings: list[tuple[int, str | None, str]]  # (line, id, text)
    code: list[tuple[int, str, str]]  # (line, info, body) of every fence no feature reads
    images: list[tuple[int, str]]
    links: list[tuple[int, str]]
    admonitions: list[tuple[int, str]]
    features: list[Inventory]


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_structure(body: str, first_line: int = 1) -> Structure:
    shift = first_line - 1
    feature_fences = {fence.name for feature in FEATURES for fence in feature.fences}
    code = [
        (fence.line, fence.info.strip(), fence.body)
        for fence in find_fences(body, first_line)
        if fence.lang not in feature_fences
    ]
    prose = without_fences(body)
    headings = []
    for number, text in enumerate(prose.splitlines(), start=first_line):
        match = HEADING_RE.match(text)
        if match:
            headings.append((number, match["id"], match["text"]))
    images = [(_line(prose, m.start()) + shift, m["src"]) for m in IMAGE_RE.finditer(prose)]
    links = [(_line(prose, m.start()) + shift, m["href"]) for m in LINK_RE.finditer(prose)]
    admonitions = [(_line(prose, m.start()) + shift, m["kind"]) for m in ADMONITION_RE.finditer(prose)]
    return Structure(headings, code, images, links, admonitions, feature_inventories(body, first_line))


def feature_inventories(body: str, first_line: int = 1) -> list[Inventory]:
    return [found for feature in FEATURES if feature.inventory for found in feature.inventory(body, first_line)]


def feature_drift(collection: Collection) -> list[Problem]:
    """What the build checks of each translation that says it follows its original's current text: what
    every feature keeps (cited works, figure and table ids, embeds, equations). An outdated translation
    is left to its banner; the whole comparison is `fieldnotes parity`'s."""
    problems = []
    for slug in collection.slugs():
        original = collection.original(slug)
        mine = feature_inventories(original.body, original.body_line)
        for post in collection.versions(slug).values():
            if post is original or post.meta.source_digest != original.digest:
                continue
            theirs = feature_inventories(post.body, post.body_line)
            for inventory, translated in zip(mine, theirs):
                problems += [
                    Problem(post.source, line, message)
                    for line, message in _compare_inventory(inventory, translated, original.source)
                ]
    return problems


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
    for mine, theirs in zip(original.features, translation.features):
        yield from _compare_inventory(mine, theirs, original_name)


def _compare_inventory(original: Inventory, translation: Inventory, original_name: str) -> Iterator[tuple[int | None, str]]:
    mine, theirs = [item for _, item in original.items], [item for _, item in translation.items]
    if original.count_only:
        if len(mine) != len(theirs):
            yield None, f"{len(theirs)} {original.what}, but {original_name} has {len(mine)}; they are shared, not translated"
        return
    if not original.ordered:
        for line, item in translation.items:
            if item not in mine:
                yield line, f"{original.what}: {item!r} is not in {original_name}"
        for item in mine:
            if item not in theirs:
                yield None, f"{original.what}: {item!r} of {original_name} is missing"
        return
    if mine != theirs:
        pairs = zip(mine, translation.items)
        line = next((line for expected, (line, found) in pairs if expected != found), None)
        yield line, f"{original.what} differ from {original_name}: expected {mine}, found {theirs}"
