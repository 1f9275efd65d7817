"""The real site: every link, anchor, asset, alternate and feed entry resolves, and it builds fast."""

from __future__ import annotations

import subprocess
import sys

from realsite import ROOT


def test_link_check_of_the_real_site_finds_nothing(real_site):
    process = subprocess.run(
        [sys.executable, "-m", "fieldnotes.cli", "linkcheck", str(real_site), "--config", str(ROOT / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert " 0 problems in " in process.stdout


def test_every_post_page_exists_in_both_languages(real_site):
    site = real_site
    slugs = sorted(path.stem for path in (ROOT / "posts").glob("*.md"))
    assert len(slugs) >= 10
    for slug in slugs:
        assert (site / "posts" / slug / "index.html").is_file()
        assert (site / "ja" / "posts" / slug / "index.html").is_file()
        assert (ROOT / "ja" / f"{slug}.md").is_file(), f"{slug} has no Japanese version"
