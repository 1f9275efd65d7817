"""Benchmark `fieldnotes linkcheck` against LinkChecker on a synthetic bilingual site.

Generates a copy of the project with --posts posts in each language (950 by default, which
builds to roughly 2,000+ pages), builds it, times both checkers on the build, then seeds
known breakages into a copy and counts how many of them each checker reports.

LinkChecker crawls the site over HTTP from a local server, because on file:// URLs its
AnchorCheck plugin cannot check anchors of directory URLs such as posts/x/#y. It runs with
--no-robots, internal links only (no --check-extern) and [AnchorCheck] enabled. Its default
limit of 10 requests per second per host is lifted (maxrequestspersecond, which it only
honours when the server answers with a "LinkChecker" header, so ours does).

    make install-test   # installs LinkChecker (requirements-bench.txt) with the test tools
    .venv/bin/python benchmarks/linkcheck_bench.py [--work DIR] [--posts N] [--rebuild] [--smoke]

The build in --work is reused when it was made with the same --posts. --smoke builds the smallest
site (--posts 20) afresh and runs each checker once, so the test suite knows the script still runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml
from synthetic import copy_project

from fieldnotes.core.collection import body_digest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MARKER = ".bench-posts"
MIN_POSTS = 20
FIRST_DATE = dt.date(2016, 1, 4)
OUR_SUMMARY_RE = re.compile(r"^(\d+) pages, (\d+) links, (\d+) problems in ([\d.]+)s$", re.MULTILINE)
LINKCHECKER_SUMMARY_RE = re.compile(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found")
FIGURE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#88a"/></svg>\n'


def slug(number: int) -> str:
    return f"bench-post-{number:04d}"


def english_body(number: int, count: int) -> str:
    previous, following = slug(max(number - 1, 1)), slug(min(number + 1, count))
    return f"""
Benchmark article {number} introduces a topic and points to [its second section](#section-2).

<!-- more -->

## Setting {{ #section-1 }}

A paragraph of ordinary prose that explains the setting of the experiment, with enough words to
look like an article. See the [previous article]({previous}.md#section-2) and the [next one]({following}.md).

![Figure for article {number}](assets/bench/figure.svg)

## Method {{ #section-2 }}

The method is described here, with a [reference](https://example.org/papers/{number}) and a
footnote-like aside. Code:

```python
print("article {number}")
```

## Results {{ #section-3 }}

| Setting | Score |
|---------|-------|
| base    | {number % 97} |

Back to [the setting](#section-1).
"""


def japanese_body(number: int, count: int) -> str:
    previous = slug(max(number - 1, 1))
    return f"""
ベンチマーク記事 {number} の導入です。[第 2 節](#section-2)を参照してください。

<!-- more -->

## 設定 {{ #section-1 }}

実験の設定を説明する段落です。[前の記事]({previous}.md#section-2)も参照してください。

![記事 {number} の図](assets/bench/figure.svg)

## 手法 {{ #section-2 }}

手法の説明と[参考文献](https://example.org/papers/{number})。

## 結果 {{ #section-3 }}

[設定](#section-1)に戻る。
"""


def front_matter(title: str, number: int, authors: list[str], tags: list[str], extra: str = "") -> str:
    date = FIRST_DATE + dt.timedelta(days=3 * number)
    return f'---\ntitle: "{title}"\ndate: {date.isoformat()}\nauthors: [{", ".join(authors)}]\ntags: [{", ".join(tags)}]\n{extra}---\n'


def generate_project(work: Path, count: int) -> None:
    if work.exists():
        if not (work / MARKER).is_file() and any(work.iterdir()):
            sys.exit(f"{work} exists and was not made by this benchmark; choose another --work")
        shutil.rmtree(work)
    copy_project(work)  # the configuration, theme, interface text and registries the build reads
    authors = [
        key for key, value in yaml.safe_load((ROOT / "authors.yml").read_text(encoding="utf-8")).items() if value.get("avatar")
    ]
    tags = list(yaml.safe_load((ROOT / "tags.yml").read_text(encoding="utf-8")))
    (work / "posts/assets/bench").mkdir(parents=True)
    (work / "posts/assets/bench/figure.svg").write_text(FIGURE_SVG, encoding="utf-8")
    (work / "ja").mkdir()
    for number in range(1, count + 1):
        author = [authors[number % len(authors)]]
        post_tags = [tags[number % len(tags)], tags[(number * 7 + 3) % len(tags)]]
        post_tags = list(dict.fromkeys(post_tags))
        english = english_body(number, count)
        (work / "posts" / f"{slug(number)}.md").write_text(
            front_matter(f"Benchmark post {number}", number, author, post_tags) + english, encoding="utf-8"
        )
        japanese = front_matter(
            f"ベンチマーク記事 {number}", number, author, post_tags, f'source_digest: "{body_digest(english)}"\n'
        ) + japanese_body(number, count)
        (work / "ja" / f"{slug(number)}.md").write_text(japanese, encoding="utf-8")


def ensure_build(work: Path, count: int, rebuild: bool) -> None:
    marker = work / MARKER
    if not rebuild and (work / "site/index.html").is_file() and marker.is_file() and marker.read_text() == str(count):
        print(f"reusing the build in {work}/site")
        return
    print(f"generating {count} posts per language in {work} and building ...", flush=True)
    generate_project(work, count)
    marker.write_text("")  # claims the folder; holds the post count once the build succeeded
    start = time.perf_counter()
    build = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=work, capture_output=True, text=True, check=False)
    if build.returncode != 0:
        sys.exit(f"the synthetic site does not build:\n{build.stderr[-4000:]}")
    marker.write_text(str(count))
    print(f"built in {time.perf_counter() - start:.1f}s")


@dataclass
class Run:
    seconds: float
    pages: int
    links: int  # ours: every link occurrence checked; LinkChecker: distinct URLs it checked
    problems: int  # ours: problems; LinkChecker: errors and warnings
    output: str


def run_ours(site: Path, config: Path) -> Run:
    """Wall time of the whole command, interpreter start-up included."""
    start = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "fieldnotes"), "linkcheck", str(site), "--config", str(config)], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    summary = OUR_SUMMARY_RE.search(result.stdout)
    if result.returncode not in (0, 1) or not summary:
        sys.exit(f"fieldnotes linkcheck failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return Run(seconds, int(summary.group(1)), int(summary.group(2)), int(summary.group(3)), result.stdout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "benchmark")  # lets LinkChecker exceed 10 requests per second
        super().end_headers()

    def log_message(self, format, *args) -> None:
        pass


def serve(site: Path, port: int) -> None:
    handler = partial(SiteHandler, directory=str(site))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()


@contextmanager
def served(site: Path):
    """The site over HTTP from another process, so the server does not share our interpreter."""
    port = free_port()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(site, port), daemon=True)
    server.start()
    try:
        for _ in range(200):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.join()


def run_linkchecker(site: Path, settings: Path, pages: int) -> Run:
    site.chmod(0o755)  # LinkChecker drops root privileges to "nobody"; the server reads the files
    with served(site) as url:
        start = time.perf_counter()
        result = subprocess.run(
            [str(BIN / "linkchecker"), "--config", str(settings), "--no-robots", "--no-status", url],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
    summary = LINKCHECKER_SUMMARY_RE.search(result.stdout)
    if not summary:
        sys.exit(f"linkchecker gave no summary (exit {result.returncode}):\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return Run(seconds, pages, int(summary.group(1)), int(summary.group(3)) + int(summary.group(4)), result.stdout)


# -- seeded breakages -------------------------------------------------------------------------


@dataclass
class Breakage:
    name: str
    page: str  # where fieldnotes linkcheck must report it
    ours: str  # a phrase of its report
    token: str  # what LinkChecker's report would mention if it found it


def seed_breakages(site: Path, count: int, config: dict) -> list[Breakage]:
    site_url = config["site_url"].rstrip("/") + "/"
    repo = config["repo_url"].rstrip("/").removeprefix("https://github.com/")
    # Posts 3 to 11 take one breakage each; the deleted page and the removed heading, which their
    # neighbours report, sit past them, a quarter and a half of the way through a larger site.
    first, middle = max(count // 4, 14), max(count // 2, 17)
    a, b, c = slug(first), slug(middle), slug(middle + 1)
    a_next = slug(first + 1)

    def edit(page: str, old: str, new: str) -> None:
        path = site / page
        text = path.read_text(encoding="utf-8")
        if old not in text:
            sys.exit(f"cannot seed: {old!r} is not in {page}")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def inject(page: str, html: str) -> None:
        edit(page, "</article>", html + "\n</article>")

    (site / f"posts/{a}/index.html").unlink()
    edit(f"posts/{b}/index.html", '<h2 id="section-2">', "<h2>")
    inject(f"posts/{c}/index.html", '<p><img alt="gone" src="../assets/bench/missing-figure.svg"></p>')
    edit(
        f"posts/{c}/index.html",
        f'hreflang="ja" href="{site_url}ja/posts/{c}/"',
        f'hreflang="ja" href="{site_url}posts/{slug(3)}/"',
    )
    edit(f"ja/posts/{slug(5)}/index.html", f'<link rel="alternate" hreflang="en" href="{site_url}posts/{slug(5)}/">', "")
    edit(
        "feed.xml", "</item>", f"</item>\n    <item><title>x</title><link>{site_url}posts/bench-missing-feed-entry/</link></item>"
    )
    edit("sitemap.xml", "</urlset>", f"  <url><loc>{site_url}posts/bench-missing-sitemap-url/</loc></url>\n</urlset>")
    inject(
        f"posts/{slug(7)}/index.html",
        f'<p><a href="https://colab.research.google.com/github/{repo}/blob/main/notebooks/bench-missing.ipynb">Colab</a></p>',
    )
    inject(f"posts/{slug(8)}/index.html", '<p><img src="../assets/bench/figure.svg?no-alt"></p>')
    inject(f"posts/{slug(9)}/index.html", '<p><a href="https://example.org/bench-blank" target="_blank">x</a></p>')
    edit(f"posts/{slug(10)}/index.html", "</head>", '<script src="http://cdn.example.org/bench.js"></script>\n</head>')
    inject(f"posts/{slug(11)}/index.html", '<p><a href="http://localhost:8000/bench-dev/">dev</a></p>')
    return [
        Breakage("deleted page", f"posts/{a_next}/index.html", f'"../{a}/#section-2": not found', f"{a}/"),
        Breakage("removed heading id", f"posts/{c}/index.html", "no element with id 'section-2'", f"{b}/#section-2"),
        Breakage("missing image", f"posts/{c}/index.html", "missing-figure.svg", "missing-figure.svg"),
        Breakage("wrong hreflang", f"posts/{c}/index.html", "whose <html lang> is 'en'", f"posts/{slug(3)}/"),
        Breakage("one-way alternate", f"posts/{slug(5)}/index.html", "one-way alternate", f"ja/posts/{slug(5)}/"),
        Breakage("feed entry to a missing post", "feed.xml", "bench-missing-feed-entry", "bench-missing-feed-entry"),
        Breakage("sitemap URL that 404s", "sitemap.xml", "bench-missing-sitemap-url", "bench-missing-sitemap-url"),
        Breakage("missing notebook", f"posts/{slug(7)}/index.html", "bench-missing.ipynb does not exist", "bench-missing.ipynb"),
        Breakage("img without alt", f"posts/{slug(8)}/index.html", "no alt attribute", "figure.svg?no-alt"),
        Breakage("target=_blank without noopener", f"posts/{slug(9)}/index.html", "noopener", "bench-blank"),
        Breakage("http:// script on https site", f"posts/{slug(10)}/index.html", "mixed content", "cdn.example.org/bench.js"),
        Breakage("link to localhost", f"posts/{slug(11)}/index.html", "private address", "localhost:8000/bench-dev"),
    ]


def found_by_us(output: str, breakage: Breakage) -> bool:
    """The phrase appears among the problems listed under the breakage's page."""
    section = re.search(rf"^{re.escape(breakage.page)}\n((?:  .*\n)+)", output, re.MULTILINE)
    return bool(section and breakage.ours in section.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "fieldnotes-linkcheck-bench",
        help="project copy to generate and build in, or reuse (default: %(default)s)",
    )
    parser.add_argument("--posts", type=int, default=950, help="posts per language (default: %(default)s)")
    parser.add_argument("--rebuild", action="store_true", help="generate and build even when a matching build exists")
    parser.add_argument("--smoke", action="store_true", help="the smallest site, each checker once: checks that the script runs")
    args = parser.parse_args()
    if args.smoke:
        args.posts, args.rebuild = MIN_POSTS, True
    if args.posts < MIN_POSTS:
        parser.error(f"--posts must be at least {MIN_POSTS}, so that the seeded breakages fall on different posts")
    if not (BIN / "linkchecker").is_file():
        sys.exit("LinkChecker is not installed: run `make install-test` (requirements-bench.txt)")

    work = args.work.resolve()
    ensure_build(work, args.posts, args.rebuild)
    work.chmod(0o755)
    config_path = work / "mkdocs.yml"
    settings = work / "linkcheckerrc"
    settings.write_text("[checking]\nmaxrequestspersecond=100000\n\n[AnchorCheck]\n", encoding="utf-8")

    runs = 1 if args.smoke else 3
    ours = min((run_ours(work / "site", config_path) for _ in range(runs)), key=lambda run: run.seconds)
    theirs = run_linkchecker(work / "site", settings, ours.pages)
    print(f"\nclean site: {ours.pages} pages")
    print(
        f"  fieldnotes linkcheck  {ours.seconds:8.2f}s  {ours.pages / ours.seconds:9.0f} pages/s  {ours.links / ours.seconds:10.0f} links/s  ({ours.links} link occurrences)"
    )
    print(
        f"  linkchecker           {theirs.seconds:8.2f}s  {theirs.pages / theirs.seconds:9.0f} pages/s  {theirs.links / theirs.seconds:10.0f} links/s  ({theirs.links} distinct URLs)"
    )
    print(
        f"  fieldnotes linkcheck is {theirs.seconds / ours.seconds:.1f}x faster (wall time, start-up included; ours: best of {runs})"
    )

    broken = work / "broken-site"
    if broken.exists():
        shutil.rmtree(broken)
    shutil.copytree(work / "site", broken)
    breakages = seed_breakages(broken, args.posts, yaml.safe_load(config_path.read_text(encoding="utf-8")))
    ours_broken = run_ours(broken, config_path)
    theirs_broken = run_linkchecker(broken, settings, ours.pages)
    print(
        f"\nseeded breakages: {len(breakages)} (reports: fieldnotes linkcheck {ours_broken.problems} problems, linkchecker {theirs_broken.problems} errors and warnings)"
    )
    print(f"  {'breakage':34} fieldnotes  linkchecker")
    for breakage in breakages:
        print(
            f"  {breakage.name:34} {'found' if found_by_us(ours_broken.output, breakage) else '-':10}  {'found' if breakage.token in theirs_broken.output else '-'}"
        )
    print(
        f"  found: fieldnotes linkcheck {sum(found_by_us(ours_broken.output, b) for b in breakages)}/{len(breakages)}, "
        f"linkchecker {sum(b.token in theirs_broken.output for b in breakages)}/{len(breakages)}"
    )


if __name__ == "__main__":
    main()
