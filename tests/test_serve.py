"""`mkdocs serve` as an author runs it: drafts and scheduled posts show, edits rebuild, sources stay untouched."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
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


class Server:
    """`mkdocs serve` on a free port, its log lines read as they come."""

    def __init__(self, root):
        self.lines: list[str] = []
        # A port found free may be taken by the other worker before mkdocs binds it: then mkdocs
        # exits, and the server starts again on another port.
        for _ in range(5):
            port = free_port()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                cwd=root,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            self.lines = []
            threading.Thread(target=self._read, args=(self.process, self.lines), daemon=True).start()
            wait_for(lambda: self.process.poll() is not None or self.logged("Serving on"))
            if self.process.poll() is None:
                self.base = f"http://127.0.0.1:{port}/"
                return
            self.process.wait()
        raise AssertionError("mkdocs serve did not start:\n" + "".join(self.lines))

    @staticmethod
    def _read(process, lines):
        for line in process.stdout:
            lines.append(line)

    def logged(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    @contextlib.contextmanager
    def rebuilding(self):
        """Waits, after the change made in its block, for the rebuild that change starts to end."""
        done = self.logged("Reloading browsers")
        yield
        wait_for(lambda: self.logged("Reloading browsers") > done)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def server(tmp_path):
    root = make_project(tmp_path, FIXTURE_POSTS)
    server = Server(root)
    try:
        wait_for(lambda: fetch(server.base + "ja/"))
        yield root, server
    finally:
        server.stop()


@pytest.fixture
def served(server):
    root, server = server
    return root, server.base


def test_drafts_and_scheduled_posts_are_previewed_under_serve(served):
    _, base = served
    draft = fetch(base + "posts/draft/")
    assert draft and "Draft post" in draft and "fn-badge" in draft
    assert "Future post" in fetch(base + "posts/future/")
    assert "Draft post" in fetch(base + "posts/")


def test_editing_a_post_rebuilds_and_writes_nothing_into_sources(server):
    root, server = server
    base = server.base
    watched = [root / "posts", root / "ja", root / "docs"]
    before = tree_digest(*watched) + tree_digest(*[p for p in root.iterdir() if p.is_file()])
    post = root / "posts" / "alpha.md"
    with server.rebuilding():
        post.write_text(post.read_text(encoding="utf-8").replace("Detail text.", "Detail text, edited."), encoding="utf-8")
    wait_for(lambda: "edited" in (fetch(base + "posts/alpha/") or ""))
    with server.rebuilding():
        post.write_text(post.read_text(encoding="utf-8").replace("Detail text, edited.", "Detail text."), encoding="utf-8")
    wait_for(lambda: "edited" not in (fetch(base + "posts/alpha/") or "edited"))
    with server.rebuilding():
        os.utime(root / "ja" / "alpha.md")
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
