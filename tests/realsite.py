"""The real site, built into a folder: once per test run (the `real_site` fixture of conftest.py),
or once per run of a script that needs it."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EPOCH_FILE = "SOURCE_DATE_EPOCH"
LOG_FILE = "build.log"


def build_real_site(site: Path) -> Path:
    """Builds the site strictly under a pinned SOURCE_DATE_EPOCH; beside the folder it leaves that epoch
    and the build's log, so that another engine can build the same site and be compared with it."""
    epoch = str(int(time.time()))
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    (site.parent / EPOCH_FILE).write_text(epoch, encoding="utf-8")
    (site.parent / LOG_FILE).write_text(process.stdout + process.stderr, encoding="utf-8")
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
