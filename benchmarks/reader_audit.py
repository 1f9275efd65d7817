"""Audit what a reader gets: Lighthouse scores, axe violations and bytes transferred (issue 7).

Pages: the home page, a text-only post and the protein post (3Dmol.js viewers and a Hugging Face
Space facade), each in English and Japanese. For each page:

- Lighthouse (npm, pinned in package.json) in its default mobile mode, driving Debian's chromium:
  the performance, accessibility, best-practices and SEO scores, and the cumulative layout shift.
- axe-core (npm, pinned) injected through Playwright: violations of serious or critical impact.
  The site's CSP meta forbids the injected inline script, so only the axe context bypasses it.
- Bytes transferred as Chromium received them (response bodies, compressed): after the page has
  loaded and the network is quiet, before any interaction, and on a viewer page again after every
  viewer has been scrolled into view (3Dmol.js is loaded then).

The site is served from 127.0.0.1 with gzip, as GitHub Pages serves it, so the numbers are the
compressed ones. Nothing leaves the machine. Targets: performance >= 95, accessibility 100,
best practices >= 95, SEO 100, CLS <= 0.02, no serious or critical axe violation, and at most
150 kB before any interaction (before the first viewer is scrolled into view on a viewer page).

Then an axe sweep of every page kind (home, post index, a tag page, an author page, a text post, the
viewer post and the translation-status page, in both languages) at 320, 390, 768 and 1280 pixels wide,
the two narrow ones emulated as touch devices without hover, each in the light and the dark scheme:
no serious or critical violation, and every landmark named uniquely. The real site translates every
post, so the missing-translation page is swept in tests/test_browser_a11y.py on a fixture site.

Needs the npm packages and Debian's chromium (`make install-test`).

    .venv/bin/python benchmarks/reader_audit.py [--site DIR] [--report FILE] [--runs N] [--smoke]

Without --site it builds the site with `mkdocs build --strict` into a temporary folder. Lighthouse
runs --runs times per page (3 by default) and the run with the median performance score is
reported, since blocking time on a shared machine varies from run to run. The Markdown report
goes to --report, or to stdout. Exits with 1 when a target is missed. The byte budgets and the
axe check also run on every build in tests/test_reader_budgets.py; Lighthouse runs only here.
--smoke audits the English viewer post with one Lighthouse run and sweeps two pages on one screen,
so the test suite knows the script still runs; it judges no target (exit 0 once the report is written).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, chromium, serve
from realsite import real_site

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE_FLAGS = (
    "--headless=new --no-sandbox --enable-unsafe-swiftshader --disable-background-networking --disable-component-update"
)
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MOBILE_VIEWPORT = {"width": 412, "height": 823}  # Lighthouse's mobile screen (Moto G Power)
VIEWER = "figure[data-fn-embed='3dmol']"
# Shown, or given up: a viewer of a PDB id cannot fetch it from RCSB here, as requests stay on the machine.
VIEWER_SETTLED = "f => f.classList.contains('is-live') || f.querySelector('.fn-mol__status').textContent === f.dataset.textFailed"
LIBRARY = "3Dmol-min.js"
COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}  # the text types GitHub Pages compresses
QUIET_SECONDS = 0.5
SETTLE_TIMEOUT_SECONDS = 20

TRANSFER_BUDGET = 150_000
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
CLS_TARGET = 0.02


@dataclass(frozen=True)
class Page:
    title: str
    path: str
    kind: str  # "home", "text" (a post with figures but no embeds) or "viewers" (3Dmol.js viewers and a Space)

    @property
    def viewers(self) -> bool:
        return self.kind == "viewers"


PAGES = tuple(
    Page(f"{title} ({lang})", prefix + path, kind)
    for lang, prefix in (("en", ""), ("ja", "ja/"))
    for title, path, kind in (
        ("Home", "", "home"),
        ("Text-only post", "posts/chinchilla-compute-optimal/", "text"),
        ("3Dmol viewers and a Space", "posts/visualizing-proteins-3dmol/", "viewers"),
    )
)


# --- serving ------------------------------------------------------------------------------------


@functools.cache
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class CompressingHandler(SimpleHTTPRequestHandler):
    """Sends text files gzip-compressed to clients that accept it; everything else as the base does."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSED_SUFFIXES):
            return super().send_head()
        body = _gzipped(path)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


# --- bytes transferred --------------------------------------------------------------------------


@dataclass
class Transfer:
    before: dict[str, int]  # URL -> compressed body bytes, before any interaction
    after: dict[str, int] | None  # the same after every viewer was scrolled into view; None without viewers

    @property
    def bytes_before(self) -> int:
        return sum(self.before.values())

    @property
    def bytes_after(self) -> int | None:
        return None if self.after is None else sum(self.after.values())

    def scrolled_in(self) -> dict[str, int]:
        """What scrolling the viewers into view added."""
        return {url: size for url, size in (self.after or {}).items() if url not in self.before}


def largest(transfers: dict[str, int], count: int) -> list[tuple[str, int]]:
    return sorted(transfers.items(), key=lambda item: -item[1])[:count]


class _Traffic:
    """Every response a browser context receives over HTTP, each URL counted once (repeats come from cache)."""

    def __init__(self, context) -> None:
        self.bytes: dict[str, int] = {}
        self.pending = 0
        self.changed = time.monotonic()
        context.on("request", self._started)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", lambda request: self._settle())

    def _started(self, request) -> None:
        self.pending += 1
        self.changed = time.monotonic()

    def _finished(self, request) -> None:
        response = request.response()
        if request.url.startswith("http") and response and request.url not in self.bytes:
            # Chromium reports no body size for a worker's own script; its Content-Length is what was sent.
            size = request.sizes()["responseBodySize"] or int(response.header_value("content-length") or 0)
            self.bytes[request.url] = max(size, 0)
        self._settle()

    def _settle(self) -> None:
        self.pending -= 1
        self.changed = time.monotonic()

    def wait_until_quiet(self, page) -> None:
        deadline = time.monotonic() + SETTLE_TIMEOUT_SECONDS
        while self.pending > 0 or time.monotonic() - self.changed < QUIET_SECONDS:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{page.url}: the network did not go quiet in {SETTLE_TIMEOUT_SECONDS} s")
            page.wait_for_timeout(100)  # Playwright delivers events only while it waits


def file_names(urls) -> set[str]:
    return {urlsplit(url).path.rsplit("/", 1)[-1] for url in urls}


def measure_transfer(browser, url: str, scroll_viewers: bool) -> Transfer:
    """Compressed bytes received by a fresh, cache-less context on loading `url` (and scrolling its viewers)."""
    context = browser.new_context(viewport=MOBILE_VIEWPORT)
    try:
        context.route(lambda address: urlsplit(address).hostname != "127.0.0.1", lambda route: route.abort())
        traffic = _Traffic(context)
        page = context.new_page()
        page.goto(url, wait_until="load")
        traffic.wait_until_quiet(page)
        before = dict(traffic.bytes)
        if not scroll_viewers:
            return Transfer(before, None)
        for figure in page.locator(VIEWER).all():
            figure.scroll_into_view_if_needed()
            page.wait_for_function(VIEWER_SETTLED, arg=figure.element_handle())
            traffic.wait_until_quiet(page)
        return Transfer(before, dict(traffic.bytes))
    finally:
        context.close()


# --- axe ----------------------------------------------------------------------------------------

# Every page kind a reader meets, in both languages; a missing-translation page is added where the site has one.
SWEEP_PATHS = tuple(
    prefix + path
    for prefix in ("", "ja/")
    for path in (
        "",
        "posts/",
        "tags/llm/",
        "authors/hana/",
        "posts/chinchilla-compute-optimal/",
        "posts/visualizing-proteins-3dmol/",
        "translations/",
    )
)
WIDTHS = (320, 390, 768, 1280)
TOUCH_WIDTHS = {320, 390}  # emulated as phones: touch and no hover, as Material's own code-block rule tells apart
SCHEMES = ("light", "dark")
# Beyond the serious and critical ones: every landmark has a name of its own.
ALWAYS_REPORTED = {"landmark-unique"}


@dataclass(frozen=True)
class Screen:
    width: int
    scheme: str

    @property
    def touch(self) -> bool:
        return self.width in TOUCH_WIDTHS

    def __str__(self) -> str:
        return f"{self.width}px {self.scheme}{' touch' if self.touch else ''}"


SCREENS = tuple(Screen(width, scheme) for width in WIDTHS for scheme in SCHEMES)


def axe_findings(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']} — {v['help']}"
        for v in violations
        if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS_REPORTED
    ]


# What axe must see has arrived: the fonts the text is set in, then what the page's scripts do once
# idle. Nothing below the first screen loads by itself (viewers start near view), so this is the whole
# page, without networkidle's half second of silence on each of the sweep's ~140 pages.
SETTLED = "() => document.fonts.ready.then(() => new Promise((done) => requestIdleCallback(done)))"


def sweep(browser, urls: list[str], screen: Screen) -> dict[str, list[str]]:
    """axe-core's findings on each URL, seen on `screen`: {url: one line per rule}."""
    context = browser.new_context(
        viewport={"width": screen.width, "height": 800},
        color_scheme=screen.scheme,
        has_touch=screen.touch,
        is_mobile=screen.touch,
        bypass_csp=True,  # the CSP forbids the injected axe script
    )
    findings = {}
    try:
        page = context.new_page()
        for url in urls:
            page.goto(url, wait_until="load")
            page.evaluate(SETTLED)
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
            findings[url] = axe_findings(violations)
    finally:
        context.close()
    return findings


def serious_violations(browser, url: str) -> list[str]:
    """axe-core's findings on `url` at Lighthouse's mobile size, light scheme."""
    return sweep(browser, [url], Screen(MOBILE_VIEWPORT["width"], "light"))[url]


# --- Lighthouse ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lighthouse:
    scores: dict[str, int]  # category id -> 0..100
    cls: float
    failing: dict[str, list[str]]  # category id -> titles of its audits that fall short

    @classmethod
    def from_json(cls, result: dict) -> Lighthouse:
        audits, categories = result["audits"], result["categories"]
        return cls(
            scores={category: round(categories[category]["score"] * 100) for category in LIGHTHOUSE_CATEGORIES},
            cls=audits["cumulative-layout-shift"]["numericValue"],
            failing={
                category: [
                    describe(audits[ref["id"]])
                    for ref in categories[category]["auditRefs"]
                    if ref["weight"] > 0 and falls_short(audits[ref["id"]])
                ]
                for category in LIGHTHOUSE_CATEGORIES
            },
        )


def falls_short(audit: dict) -> bool:
    return audit["score"] is not None and audit["score"] < 0.9  # Lighthouse passes an audit from 0.9


def describe(audit: dict) -> str:
    return f"{audit['title']} ({audit['displayValue']})" if audit.get("displayValue") else audit["title"]


def median_lighthouse(url: str, runs: int) -> Lighthouse:
    """The run with the median performance score: on a shared machine one run's blocking time is noise."""
    results = sorted((run_lighthouse(url) for _ in range(runs)), key=lambda result: result.scores["performance"])
    return results[len(results) // 2]


def run_lighthouse(url: str) -> Lighthouse:
    command = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--form-factor=mobile",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={LIGHTHOUSE_FLAGS}",
    ]
    process = subprocess.run(
        command, check=False, cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300
    )
    if process.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{process.stderr[-2000:]}")
    return Lighthouse.from_json(json.loads(process.stdout))


# --- the audit and its report -------------------------------------------------------------------


@dataclass
class PageAudit:
    page: Page
    lighthouse: Lighthouse
    transfer: Transfer
    violations: list[str]

    def misses(self) -> list[str]:
        misses = [
            f"{category} {self.lighthouse.scores[category]} < {target}: " + "; ".join(self.lighthouse.failing[category])
            for category, target in TARGETS.items()
            if self.lighthouse.scores[category] < target
        ]
        if self.lighthouse.cls > CLS_TARGET:
            misses.append(f"CLS {self.lighthouse.cls:.3f} > {CLS_TARGET}")
        if self.transfer.bytes_before > TRANSFER_BUDGET:
            misses.append(f"{kilobytes(self.transfer.bytes_before)} before interaction > {kilobytes(TRANSFER_BUDGET)}")
        if self.page.viewers and LIBRARY in file_names(self.transfer.before):
            misses.append(f"{LIBRARY} requested before a viewer was scrolled into view")
        misses += [f"axe: {violation}" for violation in self.violations]
        return misses


def kilobytes(count: int) -> str:
    return f"{count / 1000:.1f} kB"


def listing(transfers: list[tuple[str, int]]) -> str:
    return ", ".join(f"`{urlsplit(url).path}` {kilobytes(size)}" for url, size in transfers) or "nothing"


def audit(site: Path, lighthouse_runs: int, pages: tuple[Page, ...] = PAGES) -> list[PageAudit]:
    audits = []
    with serve(site, CompressingHandler) as base, chromium() as browser:
        for page in pages:
            url = base + page.path
            lighthouse = median_lighthouse(url, lighthouse_runs)
            audits.append(
                PageAudit(page, lighthouse, measure_transfer(browser, url, page.viewers), serious_violations(browser, url))
            )
    return audits


def accessibility(
    site: Path, paths: tuple[str, ...] = SWEEP_PATHS, screens: tuple[Screen, ...] = SCREENS
) -> dict[Screen, dict[str, list[str]]]:
    """The axe sweep: every page kind in both languages, at every width in both colour schemes."""
    with serve(site, CompressingHandler) as base, chromium() as browser:
        paths = [path for path in paths if (site / path / "index.html").is_file()]
        return {screen: sweep(browser, [base + path for path in paths], screen) for screen in screens}


def render_sweep(results: dict[Screen, dict[str, list[str]]]) -> str:
    pages = len(next(iter(results.values()), {}))
    lines = ["", f"## axe at every width and in both schemes ({pages} pages × {len(results)} screens)", ""]
    lines += ["| Screen | Pages with findings | Findings |", "| --- | ---: | --- |"]
    for screen, findings in results.items():
        found = {url: items for url, items in findings.items() if items}
        detail = "; ".join(f"`{urlsplit(url).path}`: {', '.join(items)}" for url, items in found.items()) or "none"
        lines.append(f"| {screen} | {len(found)} | {detail} |")
    return "\n".join(lines) + "\n"


def render_report(audits: list[PageAudit], lighthouse_runs: int) -> str:
    lines = [
        "# Reader audit",
        "",
        (
            f"Lighthouse {npm_version('lighthouse')} (mobile, median of {lighthouse_runs} runs by performance score), "
            f"axe-core {npm_version('axe-core')}, {chromium_version()}; site served gzip-compressed from 127.0.0.1, "
            "requests off the machine blocked. Bytes are compressed response bodies (1 kB = 1000 bytes)."
        ),
    ]
    for item in audits:
        scores, transfer = item.lighthouse.scores, item.transfer
        after = "—" if transfer.bytes_after is None else kilobytes(transfer.bytes_after)
        lines += [
            "",
            f"## {item.page.title}: `/{item.page.path}`",
            "",
            "| Performance | Accessibility | Best practices | SEO | CLS | Before interaction | After scrolling | axe serious/critical |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            (
                f"| {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} "
                f"| {item.lighthouse.cls:.3f} | {kilobytes(transfer.bytes_before)} | {after} | {len(item.violations)} |"
            ),
            "",
            f"Largest before interaction: {listing(largest(transfer.before, 3))}.",
        ]
        if transfer.after is not None:
            lines.append(f"Loaded by scrolling the viewers into view: {listing(largest(transfer.scrolled_in(), 5))}.")
        lines += [f"- Missed: {miss}" for miss in item.misses()]
    missed = sum(len(item.misses()) for item in audits)
    lines += ["", f"{missed} target(s) missed." if missed else "Every target met."]
    return "\n".join(lines) + "\n"


def npm_version(package: str) -> str:
    return json.loads((ROOT / "node_modules" / package / "package.json").read_text())["version"]


def chromium_version() -> str:
    return subprocess.run([CHROMIUM, "--version"], check=True, capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--report", type=Path, help="write the Markdown report here (default: stdout)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median one is reported (default: 3)")
    parser.add_argument("--smoke", action="store_true", help="one page, one run, a small sweep: checks that the script runs")
    args = parser.parse_args()
    site = args.site.resolve() if args.site else real_site()
    if args.smoke:
        args.runs = 1
        audits = audit(site, args.runs, (next(page for page in PAGES if page.viewers),))
        sweep_results = accessibility(site, SWEEP_PATHS[:2], SCREENS[:1])
    else:
        audits = audit(site, args.runs)
        sweep_results = accessibility(site)
    report = render_report(audits, args.runs) + render_sweep(sweep_results)
    if args.report:
        args.report.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    swept_clean = all(not items for findings in sweep_results.values() for items in findings.values())
    return 1 if (any(item.misses() for item in audits) or not swept_clean) and not args.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
