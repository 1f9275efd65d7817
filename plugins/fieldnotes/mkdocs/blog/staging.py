"""Build into a staging folder and move it into place only when the whole build succeeded.

A failed `mkdocs build` must not leave a half-written site where a deploy would pick it up.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(site_dir: str) -> str:
    site = Path(site_dir)
    return str(site.with_name(f".{site.name}.building-{os.getpid()}"))


def publish(staging: str, site_dir: str) -> None:
    """Swap the finished build in: the old site stays whole until the rename."""
    site, old = Path(site_dir), Path(site_dir).with_name(f".{Path(site_dir).name}.old-{os.getpid()}")
    if site.exists():
        site.rename(old)
    Path(staging).rename(site)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: str) -> None:
    shutil.rmtree(staging, ignore_errors=True)
