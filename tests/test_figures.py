"""The committed figures are what scripts/figures/ draws: each article's figures in every language of
mkdocs.yml and both colour schemes, on the scheme's background, translated, in colours that read."""

from __future__ import annotations

import colorsys
import re
import runpy
import sys
import xml.etree.ElementTree as ET
from itertools import product
from pathlib import Path

import pytest
import yaml
from matplotlib.colors import to_hex, to_rgb

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "scripts" / "figures"
# The scripts import their shared module from beside them, as when they are run from the command line.
sys.path.insert(0, str(FIGURES))
from figure_style import PALETTES, label_tables

SCRIPTS = sorted(path for path in FIGURES.glob("*.py") if path.name != "figure_style.py")
VARIANT = re.compile(r"(?P<name>.+)\.(?P<language>[^.]+)\.(?P<scheme>[^.]+)\.svg")
SVG = "{http://www.w3.org/2000/svg}"
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")  # kana and CJK ideographs


def hsl(hue: float, saturation: float, lightness: float) -> str:
    return to_hex(colorsys.hls_to_rgb(hue / 360, lightness, saturation))


# Material's --md-default-bg-color: #fff, and hsla(225deg, 15%, 14%, 1) under the slate scheme
BACKGROUNDS = {"light": "#ffffff", "dark": hsl(225, 0.15, 0.14)}


def site_languages() -> list[str]:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return next(
        list(plugin["fieldnotes/blog"]["sources"])
        for plugin in config["plugins"]
        if isinstance(plugin, dict) and "fieldnotes/blog" in plugin
    )


def committed(script: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (ROOT / "posts" / "assets" / script.stem).glob("*.svg")}


def variants(script: Path):
    """(language, scheme, parsed SVG) of each committed figure of the script named as a variant."""
    for name, svg in sorted(committed(script).items()):
        if match := VARIANT.fullmatch(name):
            yield match["language"], match["scheme"], ET.fromstring(svg)


def texts(svg: ET.Element) -> list[ET.Element]:
    return [element for element in svg.iter() if element.tag in (f"{SVG}text", f"{SVG}tspan") and (element.text or "").strip()]


def style(element: ET.Element, key: str, default: str) -> str:
    found = re.search(rf"(?:^|;)\s*{key}:\s*([^;]+)", element.get("style", ""))
    return found[1].strip() if found else default


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    darker, lighter = sorted([luminance(a), luminance(b)])
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture(scope="module", params=SCRIPTS, ids=lambda script: script.stem)
def drawn(request, tmp_path_factory):
    """A script and the figures it draws into an empty folder, run as from the command line."""
    script, out = request.param, tmp_path_factory.mktemp(request.param.stem)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", [str(script), "--out", str(out)])
        runpy.run_path(str(script), run_name="__main__")
    return script, {path.name: path.read_bytes() for path in out.glob("*.svg")}


def test_the_committed_figures_are_what_the_script_draws(drawn):
    script, figures = drawn
    on_disk = committed(script)
    assert sorted(on_disk) == sorted(figures), f"posts/assets/{script.stem}/ holds other SVGs than {script.name} draws"
    stale = [name for name in figures if figures[name] != on_disk[name]]
    assert stale == [], f"{script.name} draws these differently: run `make figures` and commit them"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.stem)
def test_every_figure_is_in_every_language_and_scheme(script):
    unnamed = [name for name in committed(script) if not VARIANT.fullmatch(name)]
    assert unnamed == [], "figures are named <name>.<language>.<scheme>.svg"
    found = {tuple(VARIANT.fullmatch(name).groups()) for name in committed(script)}
    names = {name for name, _, _ in found}
    assert names, f"no figures of {script.name}"
    assert found == set(product(names, site_languages(), ["light", "dark"]))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.stem)
def test_each_variant_is_on_its_scheme_background_with_the_palette_text(script):
    for language, scheme, svg in variants(script):
        background = svg.find(f"{SVG}g[@id='figure_1']/{SVG}g[@id='patch_1']/{SVG}path")
        assert style(background, "fill", "#000000") == BACKGROUNDS[scheme], (language, scheme)
        # so the palette's contrast, checked below, is the contrast of every text drawn
        colours = {style(element, "fill", "#000000") for element in texts(svg)}
        assert colours <= {PALETTES[scheme].text, PALETTES[scheme].secondary}, (language, scheme)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.stem)
def test_japanese_figures_are_translated_and_english_ones_are_not(script):
    for language, scheme, svg in variants(script):
        words = "".join(element.text for element in texts(svg))
        if language == "ja":
            assert JAPANESE.search(words), (language, scheme)
        elif language == "en":
            assert not JAPANESE.search(words), (language, scheme, JAPANESE.findall(words))


def test_a_language_without_labels_stops_the_script_with_its_name_and_the_language():
    script = SCRIPTS[0]
    with pytest.raises(SystemExit, match=rf"{re.escape(script.name)}: .*no labels for 'eo', a language of mkdocs.yml"):
        label_tables(script, [*site_languages(), "eo"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_palette_reads_on_its_background(scheme):
    palette = PALETTES[scheme]
    background = palette.background
    assert background == BACKGROUNDS[scheme]
    # WCAG 2.1: 4.5:1 for text (1.4.3), 3:1 for lines and markers (1.4.11)
    assert contrast(palette.text, background) >= 4.5
    assert contrast(palette.secondary, background) >= 4.5
    for colour in [*palette.categories, *palette.ramp(8)]:
        assert contrast(colour, background) >= 3, colour
    for colour in [*palette.categories, palette.secondary]:
        assert contrast(palette.text, palette.tint(colour)) >= 4.5, f"text on the tint of {colour}"
