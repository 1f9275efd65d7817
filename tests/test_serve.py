"""`mkdocs serve` as an author runs it: drafts and scheduled posts show, edits rebuild, sources stay untouched."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from browser import chromium
from sitebuilder import make_project
from test_blog_build import FIXTURE_POSTS, tree_digest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the server")


@pytest.fixture
def served(tmp_path):
    root = make_project(tmp_path, FIXTURE_POSTS)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base + "ja/"))
        yield root, base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_drafts_and_scheduled_posts_are_previewed_under_serve(served):
    _, base = served
    draft = fetch(base + "posts/draft/")
    assert draft and "Draft post" in draft and "fn-badge" in draft
    assert "Future post" in fetch(base + "posts/future/")
    assert "Draft post" in fetch(base + "posts/")


def test_editing_a_post_rebuilds_and_writes_nothing_into_sources(served):
    root, base = served
    watched = [root / "posts", root / "ja", root / "docs"]
    before = tree_digest(*watched) + tree_digest(*[p for p in root.iterdir() if p.is_file()])
    post = root / "posts" / "alpha.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Detail text.", "Detail text, edited."), encoding="utf-8")
    wait_for(lambda: "edited" in (fetch(base + "posts/alpha/") or ""))
    post.write_text(post.read_text(encoding="utf-8").replace("Detail text, edited.", "Detail text."), encoding="utf-8")
    wait_for(lambda: "edited" not in (fetch(base + "posts/alpha/") or "edited"))
    translation = root / "ja" / "alpha.md"
    os.utime(translation)
    time.sleep(1)
    after = tree_digest(*watched) + tree_digest(*[p for p in root.iterdir() if p.is_file()])
    assert after == before
    assert not (root / "site").exists()


@pytest.mark.browser
def test_a_word_added_while_serving_is_found_by_search(served):
    root, base = served
    post = root / "posts" / "alpha.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Detail text.", "Detail text about axolotls."), encoding="utf-8")
    wait_for(lambda: "axolotls" in (fetch(base + "posts/alpha/") or ""))
    with chromium() as browser:
        page = browser.new_page()

        def found() -> bool:
            # The index is rewritten once the rebuilt site is complete; each try loads it afresh.
            page.goto(base)
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("axolotls")
            box.press("End")
            page.wait_for_function("() => document.querySelector('#fn-search-results').getAttribute('aria-busy') === 'false'")
            return page.locator("#fn-search-results [role=option]").count() > 0

        wait_for(found)
        assert page.locator("#fn-search-results h1").first.inner_text() == "Alpha post"
