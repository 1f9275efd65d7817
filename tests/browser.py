"""Serve a built site on loopback and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--enable-unsafe-swiftshader",
    "--use-angle=swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# What a canvas shows: how many colours, and a digest of its pixels. 3Dmol.js draws into a
# bitmap-renderer canvas, which a 2D canvas can copy and read.
CANVAS_PIXELS = """canvas => {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const context = copy.getContext('2d');
  context.drawImage(canvas, 0, 0);
  const data = context.getImageData(0, 0, copy.width, copy.height).data;
  const colours = new Set();
  let digest = 0;
  for (let i = 0; i < data.length; i += 4) {
    const colour = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    colours.add(colour);
    digest = (Math.imul(digest, 31) + colour) | 0;
  }
  return { colours: colours.size, digest };
}"""

# Layout shifts the reader did not cause, summed from the first frame on (an init script).
WATCH_SHIFTS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({ type: 'layout-shift', buffered: true });
"""

# Every transition and finite animation has ended: colours are what they settle at, as axe must see them.
ANIMATIONS_SETTLED = """() => document.getAnimations().every(
  (animation) => animation.playState !== 'running' || animation.effect.getComputedTiming().iterations === Infinity)"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that leaves a page drops the connections still loading it: not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler):
    """Serve `site` at http://127.0.0.1:<free port>/ for the duration of the block."""
    handler = functools.partial(handler_class, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(*extra_args: str):
    with sync_playwright() as playwright, launched(playwright, *extra_args) as browser:
        yield browser


@contextlib.contextmanager
def launched(playwright, *extra_args: str):
    """Another Chromium from a running Playwright (one thread runs one Playwright at a time)."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
    try:
        yield browser
    finally:
        browser.close()


def press_until(page, key: str, condition: str, limit: int = 150) -> None:
    """Press `key` until the JavaScript `condition` holds, as a reader presses Tab or PageDown."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(condition):
            return
    raise AssertionError(f"{limit} presses of {key} and still not {condition}")


def press_until_focused(page, key: str, selector: str) -> None:
    press_until(page, key, f"() => document.activeElement.matches({json.dumps(selector)})")
