"""Which files a pull request may publish beside the posts: images and structure files, checked by content.

A file under posts/assets/ or docs/ is served at its own URL on the site's origin, where no
Content-Security-Policy applies to it. So only inert types are published: raster images whose
bytes are what their name says, SVG drawings with nothing that runs, loads or animates a link, and
the text files the 3D viewers read. Anything else, and any symlink, is a problem naming the file.
"""

from __future__ import annotations

import os
import re
import xml.parsers.expat
from pathlib import Path

from .collection import SYMLINK_MESSAGE
from .problems import Problem

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Namespaces of an SVG's <metadata> (matplotlib writes RDF with Dublin Core and Creative Commons terms).
METADATA_NAMESPACES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
)
# A static drawing: shapes, text, paint servers, clipping and reuse. No script, foreignObject,
# animation (<set>/<animate> can rewrite a link into javascript:), links or filters.
SVG_ELEMENTS = frozenset(
    ("svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon")
    + ("text", "tspan", "title", "desc", "metadata", "clipPath", "mask", "pattern", "marker", "image", "style")
    + ("linearGradient", "radialGradient", "stop")
)
RASTER_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
STRUCTURE_TYPES = (".pdb", ".cif", ".sdf", ".mol2")
PUBLISHED = "images (.svg, .png, .jpg, .webp, .gif) and structure files (" + ", ".join(STRUCTURE_TYPES) + ")"
LOCAL_REFERENCE_RE = re.compile(r"^#[\w.:-]+$")
EMBEDDED_IMAGE_RE = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$")
CSS_URL_RE = re.compile(r"url\(\s*['\"]?(?P<target>[^'\")]*)", re.IGNORECASE)
MARKUP_RE = re.compile(rb"<[A-Za-z!?/]")


def folder_problems(folder: Path, root: Path, pages: tuple[str, ...] = ()) -> list[Problem]:
    """Every problem of the files under `folder`; files ending in one of `pages` (Markdown) are only checked for links."""
    problems = []
    for directory, subfolders, names in os.walk(folder):
        for name in sorted(subfolders + names):
            path = Path(directory) / name
            if name.startswith(".") or (path.is_dir() and not path.is_symlink()):
                continue
            shown = path.relative_to(root).as_posix()
            if path.suffix in pages and not path.is_symlink():
                continue
            problems += asset_problems(path, shown)
    return problems


def asset_problems(path: Path, shown: str) -> list[Problem]:
    """Why the file at `path` (named `shown` to the author) cannot be published; empty when it can."""
    if path.is_symlink():
        return [Problem(shown, None, SYMLINK_MESSAGE)]
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix == ".svg":
        return [Problem(shown, line, message) for line, message in svg_problems(data)]
    if suffix in RASTER_SIGNATURES:
        if not data.startswith(RASTER_SIGNATURES[suffix]):
            return [Problem(shown, None, f"is not a {suffix[1:].upper()} image: its bytes do not start like one")]
        return []
    if suffix == ".webp":
        return [] if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else [Problem(shown, None, "is not a WebP image")]
    if suffix in STRUCTURE_TYPES:
        if b"\x00" in data or MARKUP_RE.search(data):
            return [Problem(shown, None, "is not a plain-text structure file: it holds binary data or markup")]
        return []
    return [Problem(shown, None, f"is not a type the site publishes: only {PUBLISHED}")]


def svg_problems(data: bytes) -> list[tuple[int | None, str]]:
    """(line, message) for everything in an SVG file that could run, load or navigate."""
    checker = _SvgChecker()
    try:
        checker.parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        checker.problems.append((error.lineno, f"is not well-formed XML ({xml.parsers.expat.errors.messages[error.code]})"))
    if checker.root is None and not checker.problems:
        checker.problems.append((None, "holds no <svg> element"))
    return checker.problems


class _SvgChecker:
    def __init__(self) -> None:
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = self.instruction
        self.problems: list[tuple[int | None, str]] = []
        self.open: list[str] = []  # local names of the open elements
        self.root: str | None = None

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber

    def problem(self, message: str) -> None:
        self.problems.append((self.line, message))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if self.root is None:
            self.root = local
            if (namespace, local) != (SVG, "svg"):
                self.problem(f"is not an SVG drawing: its root element is <{local}>")
        in_metadata = "metadata" in self.open
        if namespace == SVG and local not in SVG_ELEMENTS:
            self.problem(f"<{local}> is not allowed in a figure (a static drawing: no script, animation, link or foreignObject)")
        elif namespace != SVG and not (in_metadata and namespace in METADATA_NAMESPACES):
            self.problem(f"<{local}> from another vocabulary ({namespace or 'no namespace'}) is not allowed in a figure")
        self.open.append(local)
        if in_metadata:
            return  # RDF statements are read by no browser
        for attribute, value in attributes.items():
            attribute_namespace, _, attribute_local = attribute.rpartition(" ")
            if attribute_local.lower().startswith("on"):
                self.problem(f"event handler attribute '{attribute_local}' on <{local}> is not allowed")
            elif attribute_local == "href" and attribute_namespace in ("", XLINK):
                self.reference(local, value)
            elif attribute_namespace == "http://www.w3.org/XML/1998/namespace" and attribute_local == "base":
                self.problem(f"xml:base on <{local}> is not allowed")
            else:
                self.css(value, f"{attribute_local}= on <{local}>")

    def reference(self, element: str, value: str) -> None:
        if LOCAL_REFERENCE_RE.match(value.strip()) or (element == "image" and EMBEDDED_IMAGE_RE.match(value.strip())):
            return
        self.problem(
            f"<{element}> refers outside the drawing ({value[:60]!r}): only #ids, and embedded PNG, JPEG, GIF or WebP images"
        )

    def css(self, value: str, where: str) -> None:
        """Styles may paint with the drawing's own gradients and patterns, and load nothing."""
        if "@import" in value.lower() or "expression(" in value.lower():
            self.problem(f"{where}: @import and expression() are not allowed")
        for match in CSS_URL_RE.finditer(value):
            if not LOCAL_REFERENCE_RE.match(match["target"].strip()):
                self.problem(f"{where}: url({match['target'][:60]}) refers outside the drawing; only url(#id)")

    def end(self, name: str) -> None:
        self.open.pop()

    def text(self, data: str) -> None:
        if self.open and self.open[-1] == "style":
            self.css(data, "<style>")

    def doctype(self, name: str, system_id: str | None, public_id: str | None, has_internal_subset: bool) -> None:
        # SVG 1.1's own declaration (matplotlib writes it) names a DTD that nothing loads; a subset could declare entities.
        if name != "svg" or has_internal_subset:
            self.problem("a DOCTYPE with declarations is not allowed: its entities can expand or load files")

    def entity(self, *args) -> None:
        self.problem("an entity declaration is not allowed")

    def instruction(self, target: str, data: str) -> None:
        self.problem(f"the processing instruction <?{target}?> is not allowed (a stylesheet would load)")
