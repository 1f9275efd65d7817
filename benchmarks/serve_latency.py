"""Time from saving a post to the reloaded page under `mkdocs serve`.

Starts `mkdocs serve` (optionally with --dirty) on loopback, appends a marker to a post, and polls
the post's URL until the marker is served; prints the median of a few edits.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait(predicate, limit: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if predicate():
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError("the server did not serve the edit in time")


def measure(project: Path, post: str, url_path: str, *, dirty: bool = False, edits: int = 3) -> float:
    """Median seconds from writing `post` to the server returning the edited page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if dirty:
        command.append("--dirty")
    server = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    path = project / post
    original = path.read_text(encoding="utf-8")
    try:
        _wait(lambda: _fetch(base + url_path), 600)
        times = []
        for edit in range(edits):
            marker = f"serve-latency-marker-{edit}-{time.time_ns()}"
            path.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            times.append(_wait(lambda marker=marker: marker in _fetch(base + url_path), 600))
        return statistics.median(times)
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=60)
