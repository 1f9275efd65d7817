"""What every figure script shares: each figure is drawn for every language of the site and for both
colour schemes, from the script's data and the label table of each language (`<slug>.labels.yml`
beside the script), and written as `<name>.<language>.<scheme>.svg`, byte-identical from one run to
the next. A script calls `main` with its figures:

    def isoflop(data, text, palette) -> Figure    # text: the language's labels; palette: the scheme's colours
    main(__file__, {"isoflop": isoflop}, data)
"""

from __future__ import annotations

import argparse
import colorsys
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import yaml
from cycler import cycler
from matplotlib import colormaps, font_manager
from matplotlib.colors import to_hex, to_rgb

ROOT = Path(__file__).resolve().parents[2]

# Text is laid out with these fonts only (Latin from the first, Japanese from the second), so every
# machine writes the same bytes: DejaVu Sans comes with matplotlib, Noto Sans CJK JP with Debian's fonts-noto-cjk.
LAYOUT_FONTS = ["DejaVu Sans", "Noto Sans CJK JP"]
# Readers' browsers pick per character from the SVG's font-family: the two above, then the Japanese
# fonts of common systems, then their own sans-serif. As matplotlib's generic family these come after
# the layout fonts and are never reached while laying out (DejaVu Sans ends the list so it always resolves).
READER_FONTS = ["Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", "DejaVu Sans"]


def mix(colour, amount: float, over: str) -> str:
    """The opaque colour that `colour` at opacity `amount` makes over `over`."""
    return to_hex(amount * np.array(to_rgb(colour)) + (1 - amount) * np.array(to_rgb(over)))


def material_colour(hue: float, saturation: float, lightness: float, alpha: float = 1.0, over: str = "#ffffff") -> str:
    """A CSS hsla() colour of Material's palette, as drawn over a background."""
    return mix(colorsys.hls_to_rgb(hue / 360, lightness, saturation), alpha, over)


# Material's slate scheme: --md-hue and --md-default-bg-color
SLATE_HUE = 225
SLATE_BACKGROUND = material_colour(SLATE_HUE, 0.15, 0.14)

# One categorical cycle for both schemes: each colour is 3:1 against white and against slate, and the
# first two (blue, orange) stay apart for readers with red-green colour blindness.
CATEGORIES = ("#3b7dd8", "#c8700e", "#24966b", "#d6455d", "#9265c9")


@dataclass(frozen=True)
class Palette:
    """The colours of one colour scheme of the site, from Material's own variables."""

    background: str  # --md-default-bg-color
    text: str  # --md-default-fg-color: labels, titles, markers that are not a category
    secondary: str  # --md-default-fg-color--light: axes, arrows, reference lines and their notes (4.5:1, so text too)
    grid: str  # --md-default-fg-color--lightest: grid lines and row stripes, decorative only
    colormap_name: str  # sequential, from colours near the background (quiet) to far from it (salient)
    categories: tuple[str, ...] = CATEGORIES

    # Fills behind text (boxes of a diagram, areas): a category this strong over the background
    TINT = 0.22
    # The salient part of the colormap, whose colours keep 3:1 against the background: lines drawn in order
    RAMP_START = 0.42

    @property
    def colormap(self):
        return colormaps[self.colormap_name]

    def tint(self, colour: str) -> str:
        return mix(colour, self.TINT, over=self.background)

    def ramp(self, n: int) -> list[str]:
        return [to_hex(self.colormap(t)) for t in np.linspace(self.RAMP_START, 1.0, n)]

    def rc(self) -> dict:
        """matplotlib settings for this scheme."""
        return {
            "figure.facecolor": self.background,
            "savefig.facecolor": self.background,
            "axes.facecolor": self.background,
            "axes.edgecolor": self.secondary,
            "axes.labelcolor": self.text,
            "axes.titlecolor": self.text,
            "axes.prop_cycle": cycler(color=self.categories),
            "text.color": self.text,
            "xtick.color": self.secondary,
            "ytick.color": self.secondary,
            "xtick.labelcolor": self.text,
            "ytick.labelcolor": self.text,
            "grid.color": self.grid,
            "legend.labelcolor": self.text,
            "patch.edgecolor": self.secondary,
            "image.cmap": self.colormap_name,
        }


PALETTES = {
    "light": Palette(
        background="#ffffff",
        text=material_colour(0, 0, 0, 0.87),
        secondary=material_colour(0, 0, 0, 0.54),
        grid=material_colour(0, 0, 0, 0.07),
        colormap_name="viridis_r",
    ),
    "dark": Palette(
        background=SLATE_BACKGROUND,
        text=material_colour(SLATE_HUE, 0.15, 0.90, 0.82, over=SLATE_BACKGROUND),
        secondary=material_colour(SLATE_HUE, 0.15, 0.90, 0.56, over=SLATE_BACKGROUND),
        grid=material_colour(SLATE_HUE, 0.15, 0.90, 0.12, over=SLATE_BACKGROUND),
        colormap_name="viridis",
    ),
}

STYLE = {
    "font.family": [*LAYOUT_FONTS, "sans-serif"],
    "font.sans-serif": READER_FONTS,
    "font.size": 10,
    "svg.fonttype": "none",  # text stays text: selectable, translatable, small
    "svg.hashsalt": "fieldnotes",
}


def site_languages() -> list[str]:
    """The languages of the site: the sources of the blog plugin in mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    blog = next(
        plugin["fieldnotes/blog"] for plugin in config["plugins"] if isinstance(plugin, dict) and "fieldnotes/blog" in plugin
    )
    return list(blog["sources"])


def label_tables(script: Path, languages: list[str]) -> dict[str, dict]:
    """The label table of each language, from `<slug>.labels.yml` beside the script."""
    path = script.with_suffix(".labels.yml")
    tables = yaml.safe_load(path.read_text(encoding="utf-8"))
    for language in languages:
        if language not in tables:
            raise SystemExit(f"{script.name}: {path.name} has no labels for {language!r}, a language of mkdocs.yml")
        missing = tables[languages[0]].keys() - tables[language].keys()
        if missing:
            raise SystemExit(f"{script.name}: {path.name} lacks {sorted(missing)} in {language!r}")
    return {language: tables[language] for language in languages}


def require_fonts() -> None:
    for family in LAYOUT_FONTS:
        try:
            font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            raise SystemExit(
                f"The figures are laid out with {family!r}, which matplotlib cannot find: install Debian's fonts-noto-cjk "
                f"(make debian-packages), then delete matplotlib's font cache in {matplotlib.get_cachedir()}"
            ) from None


def stored_results(script: Path, experiment: Callable[[], dict], rerun: bool) -> dict:
    """The results of a long experiment, kept beside the script (`<slug>.results.json`) and re-run on request."""
    path = script.with_suffix(".results.json")
    if rerun:
        path.write_text(json.dumps(experiment(), indent=1) + "\n", encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def main(script: str, figures: dict[str, Callable], data: Callable[[], object] = dict, *, stored: bool = False) -> None:
    """Draws every figure of the script for every language of the site and both colour schemes.

    `data` computes what the figures show, once. With `stored`, it is a long experiment whose results are
    read from beside the script; `--rerun` runs it again and stores what it returns.
    """
    script = Path(script)
    parser = argparse.ArgumentParser(description=f"Draws the figures of {script.stem}.")
    parser.add_argument("--out", type=Path, default=ROOT / "posts" / "assets" / script.stem, help="folder of the SVGs")
    if stored:
        parser.add_argument("--rerun", action="store_true", help="run the experiment again and store its results")
    args = parser.parse_args()
    require_fonts()
    tables = label_tables(script, site_languages())
    values = stored_results(script, data, args.rerun) if stored else data()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, draw in figures.items():
        for language, text in tables.items():
            for scheme, palette in PALETTES.items():
                # matplotlib's defaults first, so nothing set elsewhere in the process changes the bytes
                with plt.style.context(["default", STYLE, palette.rc()]):
                    fig = draw(values, text, palette)
                    path = args.out / f"{name}.{language}.{scheme}.svg"
                    fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None})
                    plt.close(fig)
                print(path.name, path.stat().st_size, "bytes")
