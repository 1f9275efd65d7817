"""The second engine: ProperDocs, from its own venv, builds the real site from the same mkdocs.yml as MkDocs.

Both engines build under one SOURCE_DATE_EPOCH, each with `--strict`: MkDocs' build is the run's real
site (conftest.py), which keeps its epoch and its log. Every output file must be byte for byte the
same, but for the differences listed in KNOWN_DIFFERENCES with their reasons.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from realsite import EPOCH_FILE, LOG_FILE
from sitebuilder import ROOT, build, make_project
from test_bad_input import ANCHORED, GOOD_EN, IMAGED, JA_LINKED, LINKED, assert_fails_clearly, line_of

# `make install-test` makes this venv from requirements-properdocs.txt.
PROPERDOCS_VENV = ROOT / ".venv-properdocs"
PROPERDOCS = (str(PROPERDOCS_VENV / "bin" / "properdocs"),)
ENGINES = ("mkdocs", "properdocs")
# Named explicitly: ProperDocs looks for properdocs.yml first and asks for mkdocs.yml to be renamed.
CONFIG = ("--config-file", str(ROOT / "mkdocs.yml"))
SHOWN_LINES = 40  # of an unexplained difference


def pinned(requirements: str, name: str) -> str:
    text = (ROOT / requirements).read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(name)}==(\S+)$", text, re.MULTILINE)
    assert match, f"{requirements} pins no {name}"
    return match[1]


MKDOCS_VERSION = pinned("requirements.txt", "mkdocs")
PROPERDOCS_VERSION = pinned("requirements-properdocs.txt", "properdocs")


@dataclass(frozen=True)
class KnownDifference:
    pattern: str  # the files it occurs in, a glob on the path in the site (`*` crosses folders)
    mkdocs: str  # the exact text in MkDocs' file
    properdocs: str  # what ProperDocs writes in its place

    def explain(self, path: str, mkdocs: bytes) -> bytes:
        """MkDocs' file with this difference applied, when the file is one it occurs in."""
        if not fnmatch.fnmatchcase(path, self.pattern):
            return mkdocs
        return mkdocs.replace(self.mkdocs.encode(), self.properdocs.encode())


KNOWN_DIFFERENCES = (
    # The generator tag names the engine that wrote the page (overrides/main.html reads ProperDocs'
    # `properdocs_version`, which MkDocs does not set).
    KnownDifference(
        "*.html",
        f'<meta name="generator" content="mkdocs-{MKDOCS_VERSION}, mkdocs-material">',
        f'<meta name="generator" content="properdocs-{PROPERDOCS_VERSION}, mkdocs-material">',
    ),
)


@dataclass
class Build:
    site: Path
    returncode: int
    output: str

    def files(self) -> dict[str, Path]:
        return {path.relative_to(self.site).as_posix(): path for path in sorted(self.site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory, real_site) -> dict[str, Build]:
    """MkDocs' build is the run's real site; ProperDocs builds the same site under the same epoch."""
    assert (PROPERDOCS_VENV / ".installed").is_file(), "no ProperDocs venv: run `make install-test`"
    env = {**os.environ, "SOURCE_DATE_EPOCH": (real_site.parent / EPOCH_FILE).read_text(encoding="utf-8")}
    folder = tmp_path_factory.mktemp("properdocs")
    command = [*PROPERDOCS, "build", "--strict", *CONFIG, "--site-dir", str(folder / "site")]
    process = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    return {
        "mkdocs": Build(real_site, 0, (real_site.parent / LOG_FILE).read_text(encoding="utf-8")),
        "properdocs": Build(folder / "site", process.returncode, process.stdout + process.stderr),
    }


def distributions(python: Path) -> dict[str, str]:
    """Every distribution a venv holds, by normalized name, with its version."""
    script = (
        "import importlib.metadata as m, json, re\n"
        "print(json.dumps({re.sub(r'[-_.]+', '-', d.metadata['Name']).lower(): d.version for d in m.distributions()}))"
    )
    return json.loads(subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True).stdout)


def test_the_properdocs_venv_differs_from_the_build_venv_by_its_engine_alone():
    build_venv = distributions(Path(sys.executable))
    second = distributions(PROPERDOCS_VENV / "bin" / "python")
    assert second.pop("properdocs") == PROPERDOCS_VERSION
    assert {name: (version, build_venv.get(name)) for name, version in second.items() if build_venv.get(name) != version} == {}


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_builds_the_real_site_strictly_without_a_warning(builds, engine):
    build = builds[engine]
    assert build.returncode == 0, build.output
    assert not [line for line in build.output.splitlines() if line.startswith(("WARNING", "ERROR"))], build.output
    assert (build.site / "index.html").is_file() and (build.site / "ja" / "index.html").is_file()


def test_both_engines_write_the_same_files(builds):
    assert builds["mkdocs"].returncode == builds["properdocs"].returncode == 0
    mkdocs, properdocs = builds["mkdocs"].files(), builds["properdocs"].files()
    assert len(mkdocs) > 100
    assert sorted(mkdocs) == sorted(properdocs)


def unexplained(path: str, mkdocs: bytes, properdocs: bytes, used: set[KnownDifference]) -> str | None:
    """How the two files differ once the known differences are applied, or None; `used` gets those that applied."""
    explained = mkdocs
    for difference in KNOWN_DIFFERENCES:
        applied = difference.explain(path, explained)
        if applied != explained:
            used.add(difference)
        explained = applied
    if explained == properdocs:
        return None
    try:
        lines = difflib.unified_diff(
            explained.decode().splitlines(), properdocs.decode().splitlines(), "mkdocs/" + path, "properdocs/" + path, lineterm=""
        )
    except UnicodeDecodeError:
        return f"{path}: the bytes differ"
    return "\n".join(list(lines)[:SHOWN_LINES])


def test_every_file_is_the_same_but_for_the_known_differences(builds):
    mkdocs, properdocs = builds["mkdocs"].files(), builds["properdocs"].files()
    used: set[KnownDifference] = set()
    differences = [
        diff
        for path in sorted(mkdocs.keys() & properdocs.keys())
        if (diff := unexplained(path, mkdocs[path].read_bytes(), properdocs[path].read_bytes(), used))
    ]
    assert not differences, f"{len(differences)} files differ beyond the known differences:\n" + "\n".join(differences[:10])
    unused = [difference for difference in KNOWN_DIFFERENCES if difference not in used]
    assert unused == [], "no longer occurs: take it off the list"


def test_properdocs_fails_on_broken_links_naming_each_file_and_line(tmp_path):
    # One post per kind of link warning whose file and line our blog plugin adds to the engine's message.
    posts = {
        "posts/linked.md": LINKED,
        "posts/anchored.md": ANCHORED,
        "posts/imaged.md": IMAGED,
        "posts/good.md": GOOD_EN,
        "ja/good.md": JA_LINKED,
    }
    expected = [
        f"posts/linked.md:{line_of(LINKED, 'missing-post.md')}: Doc file 'posts/linked.md' contains a link 'missing-post.md'",
        f"posts/anchored.md:{line_of(ANCHORED, '#nowhere')}: Doc file 'posts/anchored.md' contains a link '#nowhere'",
        f"posts/imaged.md:{line_of(IMAGED, 'chart.svg')}: Doc file 'posts/imaged.md' contains a link 'assets/good/chart.svg'",
        f"ja/good.md:{line_of(JA_LINKED, 'nothing.md')}: Doc file 'ja/good.md' contains a link 'nothing.md'",
    ]
    assert_fails_clearly(build(make_project(tmp_path, posts), "--config-file", "mkdocs.yml", engine=PROPERDOCS), expected)
