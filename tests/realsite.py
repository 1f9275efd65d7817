"""The real site, built into a folder: once per test run (the `real_site` fixture of conftest.py),
or once per run of a script that needs it."""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_real_site(site: Path) -> Path:
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return site


@functools.cache
def real_site() -> Path:
    """The real site in a temporary folder, for a script run on its own."""
    return build_real_site(Path(tempfile.mkdtemp(prefix="fieldnotes-site-")) / "site")


def pages(site: Path) -> list[str]:
    """URL paths of every HTML page, directory pages as `dir/`."""
    paths = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths
