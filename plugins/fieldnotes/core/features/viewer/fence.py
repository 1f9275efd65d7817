"""The ```3dmol fence: the options of a 3Dmol.js viewer and the figure the loader fills in.

The figure reserves the viewer's height and holds the options as data-* attributes; without
JavaScript or WebGL its fallback (message, RCSB link, download link) and caption stay visible.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from ...markup import element, text
from ...problems import Problem
from ...validation import Field, Schema, combination_of, flag, line_of_text, one_of, whole_number
from ..feature import Text
from ..fence_options import FenceOptionError, check_options

PDB_ID_RE = re.compile(r"^[0-9][A-Za-z0-9]{3}$")
HIGHLIGHT_RE = re.compile(r"^(?P<chain>[A-Za-z0-9]{1,4})(?::(?P<first>\d{1,5})(?:-(?P<last>\d{1,5}))?)?$")
FILE_RE = re.compile(r"^[A-Za-z0-9._/-]+$")
STYLES = ("cartoon", "stick", "sphere", "line", "surface")
COLOURS = ("spectrum", "chain", "ss", "element")
FORMATS = {"pdb": "PDB", "cif": "mmCIF", "sdf": "SDF", "mol2": "MOL2"}  # file extension -> name shown to readers
HEIGHT = (150, 1000)

# A structure file path (relative to posts/) -> its URL relative to the page, or None if there is no such file.
Resolver = Callable[[str], str | None]


@dataclass(frozen=True)
class ViewerOptions:
    pdb: str | None
    file: str | None
    file_url: str | None
    style: tuple[str, ...]
    color: str
    highlight: str | None
    highlight_style: tuple[str, ...]
    height: int
    spin: bool
    caption: str | None

    @property
    def format(self) -> str:
        return posixpath.splitext(self.file)[1][1:].lower() if self.file else "pdb"

    @property
    def rcsb_id(self) -> str | None:
        """The PDB id to link to: the `pdb` option, or a file named after its entry (1l2y.pdb)."""
        if self.pdb:
            return self.pdb
        stem = posixpath.splitext(posixpath.basename(self.file))[0]
        return stem.upper() if PDB_ID_RE.match(stem) else None


def pdb_id(value: object) -> str:
    if not isinstance(value, str) or not PDB_ID_RE.match(value.strip()):
        raise ValueError(f"expected a 4-character PDB id starting with a digit, e.g. 1L2Y, not {value!r}")
    return value.strip().upper()


def structure_path(value: object) -> str:
    if not isinstance(value, str) or not FILE_RE.match(value.strip()):
        raise ValueError(
            f"expected a path relative to posts/ made of letters, digits, '.', '_', '-' and '/', e.g. assets/<slug>/1l2y.pdb, not {value!r}"
        )
    path = posixpath.normpath(value.strip())
    if not path.startswith("assets/"):
        raise ValueError(f"expected a file under assets/ (posts/assets/<slug>/...), not {value!r}")
    if posixpath.splitext(path)[1][1:].lower() not in FORMATS:
        raise ValueError(f"expected a structure file ending in {', '.join('.' + ext for ext in FORMATS)}, not {value!r}")
    return path


def residue_selection(value: object) -> str:
    """`A`, `A:6` or `A:10-20`, normalised (`A:6-6` is `A:6`)."""
    match = HIGHLIGHT_RE.match(value.strip()) if isinstance(value, str) else None
    if match and match["first"] is None:
        return match["chain"]
    if match:
        first, last = int(match["first"]), int(match["last"] or match["first"])
        if first <= last:
            return f"{match['chain']}:{first}" + (f"-{last}" if last > first else "")
    raise ValueError(f'expected a chain with an optional residue or range, e.g. "A", "A:6" or "A:10-20" (quoted), not {value!r}')


SCHEMA = Schema(
    {
        "pdb": Field(pdb_id),
        "file": Field(structure_path),
        "style": Field(combination_of(STYLES), default=("cartoon",)),
        "color": Field(one_of(COLOURS), default="spectrum"),
        "highlight": Field(residue_selection),
        "highlight_style": Field(combination_of(STYLES), default=("stick",)),
        "height": Field(whole_number(*HEIGHT, "pixels"), default=400),
        "spin": Field(flag, default=False),
        "caption": Field(line_of_text),
    },
    noun="option",
)


def check_viewer(source: str, resolve: Resolver) -> ViewerOptions:
    """The options of one ```3dmol fence body, or FenceOptionError with every problem."""
    values, lines, problems = check_options(source, SCHEMA)
    if "pdb" in lines and "file" in lines:
        problems.append(
            Problem(
                "",
                max(lines["pdb"], lines["file"]),
                "give either 'pdb' (a PDB id) or 'file' (a structure under assets/), not both",
            )
        )
    elif "pdb" not in lines and "file" not in lines:
        problems.append(
            Problem(
                "", 1, "expected 'pdb' (a PDB id such as 1L2Y) or 'file' (a structure under assets/, e.g. assets/<slug>/1l2y.pdb)"
            )
        )
    if "highlight_style" in lines and "highlight" not in lines:
        problems.append(
            Problem(
                "",
                lines["highlight_style"],
                "'highlight_style' needs 'highlight' (the residues to draw that way, e.g. \"A:6-9\")",
            )
        )
    file_url = None
    if values["file"] is not None:
        file_url = resolve(values["file"])
        if file_url is None:
            problems.append(
                Problem(
                    "",
                    lines["file"],
                    f"'file': there is no posts/{values['file']}; structure files live under posts/assets/<slug>/",
                )
            )
    if problems:
        raise FenceOptionError("3dmol", sorted(problems, key=lambda p: p.line))
    return ViewerOptions(
        pdb=values["pdb"],
        file=values["file"],
        file_url=file_url,
        style=values["style"],
        color=values["color"],
        highlight=values["highlight"],
        highlight_style=values["highlight_style"],
        height=values["height"],
        spin=values["spin"],
        caption=values["caption"],
    )


def render_viewer(options: ViewerOptions, ui: Text) -> str:
    links = []
    if options.rcsb_id:
        links.append(
            element(
                "a",
                {"href": f"https://www.rcsb.org/structure/{options.rcsb_id}", "target": "_blank", "rel": "noopener"},
                text(ui("rcsb_link", id=options.rcsb_id)),
            )
        )
    if options.file_url:
        links.append(
            element("a", {"href": options.file_url, "download": ""}, text(ui("download_link", format=FORMATS[options.format])))
        )
    fallback = element(
        "div",
        {"class": "fn-mol__fallback"},
        element("p", {"class": "fn-mol__status"}, text(ui("viewer_needs")))
        + element("p", {"class": "fn-mol__links"}, " · ".join(links)),
    )
    box = element("div", {"class": "fn-mol__box", "style": f"height: {options.height}px"}, fallback)
    caption = element("figcaption", {}, text(options.caption)) if options.caption else ""
    figure = {
        "class": "fn-mol",
        "data-fn-embed": "3dmol",
        "data-pdb": options.pdb,
        "data-src": options.file_url,
        "data-format": options.format,
        "data-style": "+".join(options.style),
        "data-color": options.color,
        "data-highlight": options.highlight,
        "data-highlight-style": "+".join(options.highlight_style) if options.highlight else None,
        "data-spin": "true" if options.spin else "false",
        "data-text-loading": ui("viewer_loading"),
        "data-text-failed": ui("viewer_failed"),
        "data-text-keys": ui("viewer_keys"),
    }
    return element("figure", figure, f"\n{box}\n{caption}\n")
