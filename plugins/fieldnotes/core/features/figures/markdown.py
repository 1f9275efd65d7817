"""Numbered figures and tables: `/// figure | fig-id` and `/// table | tbl-id` blocks, and `[](#fig-id)`.

    /// figure | fig-isoflop
    ![What the figure shows, for a reader who cannot see it](assets/<slug>/isoflop.svg)

    The caption, in Markdown.
    ///

A figure block holds one image, then its caption; a table block holds one table, then its caption.
After the page's inline Markdown, the tree processor numbers them per page ("Figure 2." in the
page's language), fills every empty link to one with its number, and points each image at the
drawing of the page's language in both colour schemes (`isoflop.ja.light.svg`, `isoflop.ja.dark.svg`),
shown by the scheme in use. Problems go to the page context, each with text to find its line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from ...problems import did_you_mean
from ..feature import PageContext
from .drawings import Drawing, find_drawing

KINDS = {"figure": "fig-", "table": "tbl-"}  # block name -> the prefix of its ids
ID_RE = re.compile(r"^(?:fig|tbl)-[a-z0-9]+(?:-[a-z0-9]+)*$")
REFERENCE_PREFIXES = tuple(KINDS.values())
BLOCK_RE = re.compile(r"^[ \t]*/{3,}[ \t]*(?:figure|table)[ \t]*\|[ \t]*(?P<id>\S+)", re.MULTILINE)
# After inline Markdown (20) has made the images and links, before the anchors and relative links (5, 0).
PRIORITY = 6


class _NumberedBlock(Block):
    ARGUMENT = True

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(
            parent, "figure", {"id": self.argument.strip(), "class": f"fn-{self.NAME}", "data-fn-figure": self.NAME}
        )


class FigureBlock(_NumberedBlock):
    NAME = "figure"


class TableBlock(_NumberedBlock):
    NAME = "table"


class _Numbering(Treeprocessor):
    def __init__(self, md: Markdown, context: PageContext) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        numbers: dict[str, int] = {}
        counts = dict.fromkeys(KINDS, 0)
        repeated: set[str] = set()
        for figure in [element for element in root.iter("figure") if element.get("data-fn-figure") in KINDS]:
            kind, figure_id = figure.get("data-fn-figure"), figure.get("id", "")
            written = f"/// {kind} | {figure_id}"
            if not ID_RE.match(figure_id) or not figure_id.startswith(KINDS[kind]):
                self.problem(
                    (written,), f"'{figure_id}' is not a {kind} id: write {KINDS[kind]}<name>, e.g. {KINDS[kind]}results"
                )
                continue
            if figure_id in numbers:
                if figure_id not in repeated:
                    repeated.add(figure_id)
                    self.problem((written,), f"{self.uses(figure_id)}: ids are unique in an article")
                continue
            counts[kind] += 1
            numbers[figure_id] = counts[kind]
            self.arrange(figure, kind, counts[kind], written)
        for link in root.iter("a"):
            href = link.get("href", "")
            if href.startswith("#") and href[1:].startswith(REFERENCE_PREFIXES) and not link.text and not len(link):
                self.reference(link, href[1:], numbers)

    def problem(self, needles: tuple[str, ...], message: str) -> None:
        self.context.report(needles, message)

    def uses(self, figure_id: str) -> str:
        """Where an id is used: a problem is reported on the first line found, so the message names them all."""
        source = self.context.source()
        lines = figure_lines(source.body, source.lines_before_body + 1)
        found = [str(line) for line, written in zip(lines, figure_ids(source.body)) if written == figure_id]
        if len(found) < 2:
            return f"the id '{figure_id}' is used by two figures or tables"
        return f"the id '{figure_id}' is used by {len(found)} figures or tables, on lines {', '.join(found[:-1])} and {found[-1]}"

    def arrange(self, figure: etree.Element, kind: str, number: int, written: str) -> None:
        """The figure's content first, then its caption with its number (for a table, the caption first)."""
        children = list(figure)
        if not children:
            self.problem((written,), f"{written} is empty: it holds the {kind}, then its caption")
            return
        content, caption = children[0], children[1:]
        if kind == "figure":
            image = content.find("img") if content.tag == "p" else None
            if image is None or len(content) != 1 or (content.text or "").strip():
                self.problem((written,), f"{written} must start with one image: ![alt text](assets/<slug>/<name>.svg)")
                return
            if not image.get("alt", "").strip():
                self.problem((written, image.get("src", "")), f"the image of {written} has no alt text: describe what it shows")
                return
            content = self.drawing(image, written)
            if content is None:
                return
        elif content.tag != "table":
            self.problem((written,), f"{written} must start with a Markdown table")
            return
        if not caption or not "".join(figure.itertext()).strip():
            self.problem((written,), f"{written} has no caption: write one or two sentences after the {kind}")
            return
        label = self.context.text(f"{kind}_caption", number=number)
        figcaption = etree.Element("figcaption")
        first = caption[0] if len(caption) == 1 and caption[0].tag == "p" else None
        prefix = etree.SubElement(figcaption, "span", {"class": "fn-figure__label"})
        prefix.text = label
        if first is not None:
            prefix.tail = " " + (first.text or "")
            figcaption.extend(list(first))
        else:
            prefix.tail = " "
            figcaption.extend(caption)
        for child in children:
            figure.remove(child)
        figure.set("data-fn-zoom", self.context.text(f"{kind}_zoom", number=number))
        figure.extend([figcaption, content] if kind == "table" else [content, figcaption])

    def drawing(self, image: etree.Element, written: str) -> etree.Element | None:
        """The figure's image for the page's language in both schemes, or the one file it names."""
        source = image.get("src", "")
        found: Drawing | str = find_drawing(source, self.context.lang, self.context.languages, self.context.file)
        if isinstance(found, str):
            self.problem((source, written), f"{written}: {found}")
            return None
        box = etree.Element("div", {"class": "fn-figure__image"})
        for path, scheme in found.images:
            attributes = {"src": path + (f"#only-{scheme}" if scheme else ""), "alt": image.get("alt", "")}
            if found.size:
                attributes["width"], attributes["height"] = (str(value) for value in found.size)
            etree.SubElement(box, "img", {**attributes, "loading": "lazy", "decoding": "async"})
        return box

    def reference(self, link: etree.Element, target: str, numbers: dict[str, int]) -> None:
        if target not in numbers:
            guess = did_you_mean(target, numbers)
            hint = f" Did you mean '{guess}'?" if guess else ""
            self.problem((f"](#{target})",), f"link to #{target}, but no figure or table has that id.{hint}")
            return
        kind = "figure" if target.startswith(KINDS["figure"]) else "table"
        link.text = self.context.text(f"{kind}_reference", number=numbers[target])
        link.set("class", " ".join(filter(None, [link.get("class"), "fn-xref"])))


class FigureExtension(BlocksExtension):
    def __init__(self, context: PageContext, **kwargs) -> None:
        self.context = context
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr) -> None:
        block_mgr.register(FigureBlock, {})
        block_mgr.register(TableBlock, {})
        md.treeprocessors.register(_Numbering(md, self.context), "fn-figures", PRIORITY)


def figure_ids(markdown: str) -> list[str]:
    """The ids of a post's figure and table blocks, in order, read from its Markdown."""
    return [match["id"] for match in BLOCK_RE.finditer(markdown)]


def figure_lines(markdown: str, first_line: int = 1) -> list[int]:
    """The line of each figure and table block, counted as `first_line` says."""
    return [first_line + markdown.count("\n", 0, match.start()) for match in BLOCK_RE.finditer(markdown)]
