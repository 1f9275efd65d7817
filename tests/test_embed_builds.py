"""Colab links, 3Dmol.js viewers and Space facades in a real `mkdocs build --strict` of a small project,
and the builds that must fail: with the file, the line and no traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from fieldnotes.core.collection import body_digest
from sitebuilder import ROOT, BuildResult, build, make_project, post

REPO_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"].rstrip("/")
REPO = REPO_URL.removeprefix("https://github.com/")
LIBRARY = ROOT / "node_modules/3dmol/build/3Dmol-min.js"

VIEWER_BODY = """Trp-cage in 3D.

```3dmol
file: assets/trp-cage/1l2y.pdb
style: cartoon+stick
color: spectrum
highlight: "A:6-9"
height: 420
caption: Trp-cage miniprotein
```

<!-- more -->

## Live entry { #live-entry }

```3dmol
pdb: 1L2Y
style: stick
color: element
spin: true
```

## Demo { #demo }

```space
id: simonduerr/3dmol.js
title: PDB viewer
allow: [fullscreen]
```
"""
VIEWER_BODY_JA = VIEWER_BODY.replace("Trp-cage in 3D.", "Trp-cage を立体で見ます。").replace(
    "caption: Trp-cage miniprotein", "caption: Trp-cage ミニタンパク質"
)
PLAIN_BODY = "A post without embeds.\n\n## Section { #section }\n\nText."
NOTES_BODY = "Notes with their own notebook in Japanese.\n\n## Section { #section }\n\nText."


def notebook_json(**metadata) -> str:
    notebook = nbformat.v4.new_notebook(metadata=metadata)
    notebook.cells = [nbformat.v4.new_markdown_cell("# Demo"), nbformat.v4.new_code_cell("print(1)")]
    return nbformat.writes(notebook)


def fixture_files() -> dict[str, str]:
    return {
        "posts/trp-cage.md": post("Trp-cage", "2022-08-24", VIEWER_BODY, tags=["biology"], colab="notebooks/demo.ipynb"),
        # No `colab:` of its own: the Japanese page links the English original's notebook.
        "ja/trp-cage.md": post(
            "Trp-cage（日本語）",
            "2022-08-24",
            VIEWER_BODY_JA,
            tags=["biology"],
            translators=["editors"],
            source_digest=body_digest(VIEWER_BODY),
        ),
        "posts/plain.md": post("Plain", "2022-01-01", PLAIN_BODY),
        "posts/notes.md": post("Notes", "2022-02-01", NOTES_BODY, colab="notebooks/demo.ipynb"),
        "ja/notes.md": post(
            "ノート",
            "2022-02-01",
            "独自のノートブックを持つ記事です。\n\n## 節 { #section }\n\n本文。",
            colab="notebooks/demo-ja.ipynb",
            source_digest=body_digest(NOTES_BODY),
        ),
        "posts/assets/trp-cage/1l2y.pdb": "ATOM      1  N   ASN A   1      -8.901   4.127  -0.555  1.00  0.00           N\nEND\n",
        "notebooks/demo.ipynb": notebook_json(),
        "notebooks/demo-ja.ipynb": notebook_json(language="ja"),
    }


def project(root: Path, files: dict[str, str], *, with_node_modules: bool = True) -> Path:
    make_project(root, files)
    link = root / "node_modules"
    if link.is_symlink():  # the shared helper may link the repository's packages; each test here decides
        link.unlink()
    if with_node_modules:
        if not LIBRARY.is_file():
            pytest.fail(f"{LIBRARY.relative_to(ROOT)} is missing: run `npm ci` in the repository first")
        (root / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return root


def line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuildResult:
    result = build(project(tmp_path_factory.mktemp("embeds"), fixture_files()))
    assert result.returncode == 0, result.output
    return result


def resolves(site: BuildResult, page: str, url: str) -> bool:
    """Whether a relative URL on a page (a folder URL such as posts/x/) names a file of the site."""
    return ((site.site / page) / url).resolve().is_file()


# -- Colab --------------------------------------------------------------------------------------


def test_post_links_its_notebook_on_colab_and_github(site):
    badges = site.html("posts/trp-cage/").select(".fn-post__header .fn-colab a")
    assert [a["href"] for a in badges] == [
        f"https://colab.research.google.com/github/{REPO}/blob/main/notebooks/demo.ipynb",
        f"https://github.com/{REPO}/blob/main/notebooks/demo.ipynb",
    ]
    assert [a.get_text(strip=True) for a in badges] == ["Open in Colab", "View on GitHub"]
    assert all(a["rel"] == ["noopener"] and a["target"] == "_blank" for a in badges)


def test_badge_is_self_hosted(site):
    badge = site.html("posts/trp-cage/").select_one(".fn-colab")
    assert badge.find("svg") is not None
    assert badge.find("img") is None  # no image from colab.research.google.com


def test_japanese_translation_uses_the_originals_notebook(site):
    badges = site.html("ja/posts/trp-cage/").select(".fn-colab a")
    assert [a.get_text(strip=True) for a in badges] == ["Colab で開く", "GitHub で見る"]
    assert badges[0]["href"].endswith("/blob/main/notebooks/demo.ipynb")


def test_japanese_post_may_name_its_own_notebook(site):
    assert (
        site.html("ja/posts/notes/").select_one(".fn-colab a")["href"]
        == f"https://colab.research.google.com/github/{REPO}/blob/main/notebooks/demo-ja.ipynb"
    )
    assert site.html("posts/notes/").select_one(".fn-colab a")["href"].endswith("/notebooks/demo.ipynb")


def test_post_without_notebook_has_no_badge(site):
    assert site.html("posts/plain/").select(".fn-colab") == []


# -- viewers and Spaces ---------------------------------------------------------------------------


def test_viewer_figures_carry_their_options(site):
    first, second = site.html("posts/trp-cage/").select("figure[data-fn-embed='3dmol']")
    assert {key: value for key, value in first.attrs.items() if key.startswith("data-") and not key.startswith("data-text")} == {
        "data-fn-embed": "3dmol",
        "data-src": "../assets/trp-cage/1l2y.pdb",
        "data-format": "pdb",
        "data-style": "cartoon+stick",
        "data-color": "spectrum",
        "data-highlight": "A:6-9",
        "data-highlight-style": "stick",
        "data-spin": "false",
    }
    assert resolves(site, "posts/trp-cage/", first["data-src"])
    assert first.select_one(".fn-mol__box")["style"] == "height: 420px"
    assert first.figcaption.get_text() == "Trp-cage miniprotein"
    assert (second["data-pdb"], second["data-spin"]) == ("1L2Y", "true")
    assert second.select_one("a")["href"] == "https://www.rcsb.org/structure/1L2Y"


def test_japanese_viewer_points_at_the_shared_structure_file(site):
    figure = site.html("ja/posts/trp-cage/").select_one("figure[data-fn-embed='3dmol']")
    assert resolves(site, "ja/posts/trp-cage/", figure["data-src"])
    assert figure.select_one(".fn-mol__status").get_text() == "この 3D ビューの表示には JavaScript と WebGL が必要です。"
    assert figure.figcaption.get_text() == "Trp-cage ミニタンパク質"


def test_space_is_a_facade_until_the_reader_asks(site):
    page = site.html("posts/trp-cage/")
    figure = page.select_one("figure[data-fn-embed='space']")
    assert figure["data-src"] == "https://simonduerr-3dmol-js.hf.space"
    assert figure["data-allow"] == "fullscreen"
    assert figure.select_one("button").get_text() == "Load the live demo"
    assert figure.figcaption.a["href"] == "https://huggingface.co/spaces/simonduerr/3dmol.js"
    assert page.find("iframe") is None
    assert site.html("ja/posts/trp-cage/").select_one("figure[data-fn-embed='space'] button").get_text() == "デモを読み込む"


@pytest.mark.parametrize("page", ["posts/trp-cage/", "ja/posts/trp-cage/"])
@pytest.mark.parametrize("feature", ["viewer", "space"])
def test_each_embed_loads_its_own_files(site, page, feature):
    html = site.html(page)
    scripts = [tag["src"] for tag in html.select("script[src]") if tag["src"].endswith(f"assets/{feature}/{feature}.js")]
    stylesheets = [
        tag["href"] for tag in html.select("link[rel=stylesheet]") if tag["href"].endswith(f"assets/{feature}/{feature}.css")
    ]
    assert len(scripts) == 1 and len(stylesheets) == 1
    assert not scripts[0].startswith(("/", "http")) and resolves(site, page, scripts[0]) and resolves(site, page, stylesheets[0])


@pytest.mark.parametrize("page", ["posts/plain/", "ja/posts/notes/", "about/", "tags/biology/", "", "ja/", "posts/"])
def test_pages_without_embeds_load_nothing(site, page):
    text = str(site.html(page))
    assert "viewer.js" not in text and "space.js" not in text and "3Dmol" not in text


def test_3dmol_is_copied_from_node_modules(site):
    copied = site.site / "assets/viewer/3Dmol-min.js"
    assert copied.read_bytes() == LIBRARY.read_bytes()
    assert (site.site / "assets/viewer/viewer.js").is_file() and (site.site / "assets/space/space.js").is_file()
    assert not list(site.site.rglob("3Dmol.js"))  # only the minified build ships


def test_3dmol_version_is_pinned():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = package["dependencies"]["3dmol"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "3dmol must be pinned to an exact version"
    assert lock["packages"]["node_modules/3dmol"]["version"] == version


# -- builds that must fail ------------------------------------------------------------------------


def failing_build(tmp_path: Path, files: dict[str, str], **options) -> BuildResult:
    result = build(project(tmp_path, files, **options))
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    return result


def test_missing_notebook_fails_with_the_colab_line(tmp_path):
    files = fixture_files()
    del files["notebooks/demo.ipynb"]
    result = failing_build(tmp_path, files)
    line = line_of(files["posts/trp-cage.md"], "colab:")
    assert f"posts/trp-cage.md:{line}: 'colab': notebooks/demo.ipynb does not exist" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "notebooks/demo.ipynb is not a notebook: it is not JSON"),
        (
            json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}),
            "notebooks/demo.ipynb is not an nbformat 4 notebook (its nbformat is 3)",
        ),
        (
            json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": "none"}),
            "notebooks/demo.ipynb is not a valid nbformat 4 notebook: 'cells' must be a list",
        ),
        (
            json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": ""}]}),
            "notebooks/demo.ipynb is not a valid nbformat 4 notebook: cell 1: 'metadata' must be a mapping",
        ),
        (
            json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "output", "source": ""}]}),
            "notebooks/demo.ipynb is not a valid nbformat 4 notebook: cell 1 has no cell_type among code, markdown, raw",
        ),
        (
            json.dumps(
                {
                    "nbformat": 4,
                    "nbformat_minor": 5,
                    "metadata": {},
                    "cells": [{"cell_type": "code", "source": "", "metadata": {}}],
                }
            ),
            "notebooks/demo.ipynb is not a valid nbformat 4 notebook: cell 1: a code cell needs 'outputs', a list",
        ),
    ],
    ids=["not JSON", "nbformat 3", "cells not a list", "cell without metadata", "unknown cell type", "code cell without outputs"],
)
def test_corrupt_notebook_fails(tmp_path, content, message):
    files = {**fixture_files(), "notebooks/demo.ipynb": content}
    result = failing_build(tmp_path, files)
    assert f"posts/trp-cage.md:{line_of(files['posts/trp-cage.md'], 'colab:')}: 'colab': {message}" in result.output


def test_japanese_notebook_is_checked_too(tmp_path):
    files = fixture_files()
    del files["notebooks/demo-ja.ipynb"]
    result = failing_build(tmp_path, files)
    assert (
        f"ja/notes.md:{line_of(files['ja/notes.md'], 'colab:')}: 'colab': notebooks/demo-ja.ipynb does not exist" in result.output
    )


def test_missing_structure_file_fails_with_its_line(tmp_path):
    files = fixture_files()
    del files["posts/assets/trp-cage/1l2y.pdb"]
    result = failing_build(tmp_path, files)
    line = line_of(files["posts/trp-cage.md"], "file: assets/trp-cage/1l2y.pdb")
    assert (
        f"posts/trp-cage.md:{line}: ```3dmol fence (line {line - 1}): 'file': there is no posts/assets/trp-cage/1l2y.pdb"
        in result.output
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("height: 420", "height: 4200", "'height': expected a whole number of pixels from 150 to 1000, not 4200"),
        ("color: element", "colour: element", "unknown option 'colour'. Did you mean 'color'?"),
        ("id: simonduerr/3dmol.js", "id: simonduerr/3dmol..js", "the name must not contain '--' or '..'"),
        ("allow: [fullscreen]", "allow: [fullscreen, geolocation]", "'allow': expected a list of distinct permissions"),
    ],
    ids=["height", "unknown option", "Space id", "allow"],
)
def test_bad_fence_option_fails_with_its_line(tmp_path, old, new, message):
    files = fixture_files()
    files["ja/trp-cage.md"] = files["ja/trp-cage.md"].replace(old, new)
    result = failing_build(tmp_path, files)
    line = line_of(files["ja/trp-cage.md"], new)
    assert f"ja/trp-cage.md:{line}: ```" in result.output and message in result.output, result.output


def test_viewer_without_node_modules_asks_for_npm_ci(tmp_path):
    result = failing_build(tmp_path, fixture_files(), with_node_modules=False)
    assert (
        "posts/trp-cage.md shows a 3D viewer, but node_modules/3dmol/build/3Dmol-min.js is missing: run `npm ci`" in result.output
    )


def test_a_build_without_node_modules_says_to_run_npm_ci(tmp_path):
    """Every build needs the npm packages (math renderer, card fonts): missing, they are named, without a traceback."""
    files = {path: text for path, text in fixture_files().items() if "trp-cage" not in path}
    result = build(project(tmp_path, files, with_node_modules=False))
    assert result.returncode != 0
    assert "run `npm ci`" in result.output and "Traceback" not in result.output
