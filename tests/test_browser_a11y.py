"""axe-core on every page kind, in both languages, at every width and in both colour schemes.

Phones (320 and 390 pixels) are emulated as touch devices without hover, where Material does not make
a scrolling code block focusable. Each screen is one browser context that visits every page.
"""

from __future__ import annotations

import sys

import pytest

from browser import serve
from realsite import ROOT
from sitebuilder import build, make_project, post

sys.path.insert(0, str(ROOT / "benchmarks"))
from reader_audit import SCREENS, SWEEP_PATHS, CompressingHandler, sweep

pytestmark = [pytest.mark.browser, pytest.mark.spread]  # each screen on whichever worker is free
MISSING_PATHS = ("ja/posts/english-only/", "posts/japanese-only/")


@pytest.fixture(scope="module")
def real_url(real_site):
    with serve(real_site, CompressingHandler) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    """A site whose posts exist in one language each: the pages that say a translation is missing."""
    posts = {
        "posts/english-only.md": post("English only", "2023-01-01", "Text.\n\n## Part { #part }\n\nMore."),
        "ja/japanese-only.md": post("日本語のみ", "2023-02-01", "本文です。\n\n## 部分 { #part }\n\n続き。"),
    }
    result = build(make_project(tmp_path_factory.mktemp("a11y"), posts))
    assert result.returncode == 0, result.output
    with serve(result.site, CompressingHandler) as url:
        yield url


def test_every_sweep_page_exists(real_site):
    assert all((real_site / path / "index.html").is_file() for path in SWEEP_PATHS)


@pytest.mark.parametrize("screen", SCREENS, ids=str)
def test_no_serious_violation_and_unique_landmarks(browser, real_url, fixture_url, screen):
    findings = sweep(browser, [real_url + path for path in SWEEP_PATHS], screen)
    findings |= sweep(browser, [fixture_url + path for path in MISSING_PATHS], screen)
    found = {url: items for url, items in findings.items() if items}
    assert found == {}, "\n".join(f"{url}: {item}" for url, items in found.items() for item in items)


def test_touch_screens_have_no_hover(browser, real_url):
    """The emulation the narrow screens rely on: a phone without hover, as Material's own media query asks."""
    screen = next(screen for screen in SCREENS if screen.touch)
    context = browser.new_context(viewport={"width": screen.width, "height": 800}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(real_url)
        assert page.evaluate("matchMedia('(hover: none)').matches")
    finally:
        context.close()
