"""External mode of `fieldnotes linkcheck`, against an HTTP server on 127.0.0.1 started by the test.

The server answers 200, 301 chains, a redirect loop, an endless redirect chain, 404, 500, a
500 that recovers, 429 with a short and a long Retry-After, and a request that hangs. Loopback
targets are only checked because the tests pass `allow_private=True`.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fieldnotes.cli import main
from fieldnotes.linkcheck.checker import check_site
from fieldnotes.linkcheck.external import ExternalOptions, check_urls
from fieldnotes.linkcheck.site import load_config

HANG_SECONDS = 30  # far beyond the timeout; released when the server stops


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        server: LocalServer = self.server
        with server.lock:
            server.hits[self.path] += 1
            hits = server.hits[self.path]
        path = self.path
        if path == "/ok":
            self.answer(200)
        elif path.startswith("/chain/"):
            step = int(path.rsplit("/", 1)[1])
            self.answer(301, Location=f"/chain/{step + 1}") if step < 3 else self.answer(200)
        elif path == "/loop/a":
            self.answer(302, Location="/loop/b")
        elif path == "/loop/b":
            self.answer(302, Location=f"http://127.0.0.1:{server.server_port}/loop/a")
        elif path.startswith("/deep/"):
            self.answer(301, Location=f"/deep/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/missing":
            self.answer(404)
        elif path == "/error":
            self.answer(500)
        elif path == "/flaky":
            self.answer(500 if hits == 1 else 200)
        elif path == "/busy":
            self.answer(429, **{"Retry-After": "1"}) if hits == 1 else self.answer(200)
        elif path == "/busy-long":
            self.answer(429, **{"Retry-After": "3600"})
        elif path == "/hang":
            server.release.wait(HANG_SECONDS)
        elif path.startswith("/slow"):
            with server.lock:
                server.active += 1
                server.most_active = max(server.most_active, server.active)
            time.sleep(0.2)
            with server.lock:
                server.active -= 1
            self.answer(200)
        else:
            self.answer(404)

    def answer(self, status: int, **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args) -> None:
        pass


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()
        self.active = 0
        self.most_active = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"


@pytest.fixture
def server():
    server = LocalServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()


def options(tmp_path: Path, **overrides) -> ExternalOptions:
    values = {
        "timeout": 0.5,
        "retries": 1,
        "backoff": 0.05,
        "max_retry_after": 2.0,
        "per_host": 4,
        "cache_file": tmp_path / "cache.json",
        "allow_private": True,
    }
    return ExternalOptions(**{**values, **overrides})


def test_each_answer_is_classified_and_the_run_is_bounded(server, tmp_path):
    urls = {
        name: server.url(path)
        for name, path in {
            "ok": "/ok",
            "chain": "/chain/1",
            "loop": "/loop/a",
            "deep": "/deep/1",
            "missing": "/missing",
            "error": "/error",
            "flaky": "/flaky",
            "busy": "/busy",
            "busy_long": "/busy-long",
            "hang": "/hang",
        }.items()
    }
    start = time.monotonic()
    verdicts = check_urls(list(urls.values()), options(tmp_path))
    elapsed = time.monotonic() - start
    verdict = {name: verdicts[url] for name, url in urls.items()}

    assert verdict["ok"].ok and verdict["ok"].detail == "HTTP 200"
    assert (
        verdict["chain"].ok and "after redirects to" in verdict["chain"].detail and verdict["chain"].detail.endswith("/chain/3")
    )
    assert not verdict["loop"].ok and verdict["loop"].detail.startswith("redirect loop")
    assert not verdict["deep"].ok and verdict["deep"].detail.startswith("more than 5 redirects")
    assert not verdict["missing"].ok and "404" in verdict["missing"].detail and not verdict["missing"].transient
    assert not verdict["error"].ok and "500" in verdict["error"].detail and verdict["error"].transient
    assert server.hits["/error"] == 2  # first attempt and one retry
    assert verdict["flaky"].ok and server.hits["/flaky"] == 2
    assert verdict["busy"].ok and server.hits["/busy"] == 2  # waited for Retry-After: 1, then passed
    assert not verdict["busy_long"].ok and "429" in verdict["busy_long"].detail and server.hits["/busy-long"] == 1
    assert not verdict["hang"].ok and "timed out" in verdict["hang"].detail and verdict["hang"].transient
    # Two attempts at the hang (0.5 s each) and the 1 s Retry-After run in parallel with the rest.
    assert elapsed < 5, elapsed


def test_cache_answers_repeated_runs_and_expires(server, tmp_path):
    urls = [server.url("/ok"), server.url("/missing"), server.url("/error")]
    check_urls(urls, options(tmp_path))
    assert (tmp_path / "cache.json").is_file()
    first = dict(server.hits)

    verdicts = check_urls(urls, options(tmp_path))
    assert server.hits["/ok"] == first["/ok"] and server.hits["/missing"] == first["/missing"]
    assert server.hits["/error"] > first["/error"]  # transient failures are asked again
    assert verdicts[server.url("/ok")].ok and not verdicts[server.url("/missing")].ok

    check_urls(urls, options(tmp_path, max_age_hours=1e-9))
    assert server.hits["/ok"] == first["/ok"] + 1


def test_unreadable_cache_is_rebuilt(server, tmp_path):
    (tmp_path / "cache.json").write_text("{not json", encoding="utf-8")
    verdicts = check_urls([server.url("/ok")], options(tmp_path))
    assert verdicts[server.url("/ok")].ok


def test_per_host_limit(server, tmp_path):
    urls = [server.url(f"/slow/{number}") for number in range(8)]
    verdicts = check_urls(urls, options(tmp_path, per_host=2))
    assert all(verdict.ok for verdict in verdicts.values())
    assert server.most_active == 2


def test_loopback_is_refused_without_the_test_switch(server, tmp_path):
    verdicts = check_urls([server.url("/chain/1")], options(tmp_path, allow_private=False))
    assert not verdicts[server.url("/chain/1")].ok and "private address" in verdicts[server.url("/chain/1")].detail
    assert server.hits["/chain/1"] == 0


def small_site(tmp_path: Path, body: str) -> tuple[Path, Path]:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nsite_url: https://example.test/\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    page = f'<!doctype html>\n<html lang="en"><head><meta name="robots" content="noindex"><title>t</title></head>\n<body>\n{body}\n</body></html>\n'
    (site / "index.html").write_text(page, encoding="utf-8")
    return site, config


def test_external_problems_are_reported_on_the_page_that_links(server, tmp_path):
    site, config = small_site(
        tmp_path, f'<p><a href="{server.url("/ok")}">ok</a> <a href="{server.url("/missing")}">gone</a></p>'
    )
    result = check_site(site, load_config(config), options(tmp_path))
    messages = [(problem.page, problem.element, problem.line, problem.message) for problem in result.problems]
    assert ("index.html", "a[href]", 4, f'"{server.url("/missing")}": HTTP 404 Not Found') in messages
    assert not any("/ok" in message and "HTTP" in message for *_, message in messages)
    assert any("private address" in message for *_, message in messages)  # the offline rule still applies


def test_cli_external_mode_skips_private_addresses(server, tmp_path, capsys):
    site, config = small_site(tmp_path, f'<p><a href="{server.url("/missing")}">local</a></p>')
    code = main(
        ["linkcheck", str(site), "--config", str(config), "--external", "--cache", str(tmp_path / "c.json"), "--timeout", "1"]
    )
    output = capsys.readouterr().out
    assert code == 1 and "private address (127.0.0.1)" in output and "HTTP 404" not in output
    assert server.hits["/missing"] == 0
