"""Build speed: our site against plain MkDocs + Material + static-i18n on the same Markdown.

For each N it writes N synthetic posts in both languages into a temporary copy of the project,
builds it with our plugins (search included: the Pagefind index is written by the build), then
builds the same Markdown as plain docs/ pages (suffix layout, no plugin of ours, Material's own
search plugin) and prints seconds, pages per second and the ratio.

    .venv/bin/python benchmarks/build_bench.py [--sizes 100 500 1000] [--serve] [--smoke]

Each build runs --repeats times (alternating ours and the baseline) and the fastest run counts; the
first build of ours starts with an empty social-card cache, and its time is printed as well ("first s").
Seconds are wall-clock; "cpu" is the user+system time of the build process, which other load on
the machine disturbs less. With --serve it also times the save-to-reload loop of `mkdocs serve`
on the real site and on N = 500, with and without --dirty. --smoke runs it all at N = 2, once, without
the real site, so the test suite knows the script still runs.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serve_latency import measure
from synthetic import copy_project, write_posts

OUR_PLUGINS_RE = re.compile(r"\n  - fieldnotes/.*?(?=\n  - |\n\S|\Z)", re.DOTALL)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path) -> tuple[float, float, int]:
    """(wall seconds, cpu seconds, pages) of one strict build."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"],
        cwd=project,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    return seconds, _children_cpu() - cpu, sum(1 for _ in (project / "site").rglob("*.html"))


def make_baseline(project: Path, ours: Path) -> None:
    """The same posts as docs/posts/<slug>.md and docs/posts/<slug>.ja.md, our plugins removed."""
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    # Our search (Pagefind) goes with our plugins; the baseline keeps Material's own.
    config = OUR_PLUGINS_RE.sub("", config).replace("\nplugins:\n", "\nplugins:\n  - search\n", 1)
    config = re.sub(r"\nnav:\n(?:  - .*\n)+", "\nnav:\n  - Home: index.md\n  - About: about.md\n", config)
    config = config.replace("custom_dir: overrides", "custom_dir: baseline_overrides")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "baseline_overrides").mkdir()
    docs = project / "docs"
    (docs / "posts").mkdir(parents=True)
    for source in sorted((ours / "posts").glob("*.md")):
        (docs / "posts" / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    for source in sorted((ours / "ja").glob("*.md")):
        (docs / "posts" / f"{source.stem}.ja.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")


def run(sizes: list[int], repeats: int) -> dict[int, float]:
    print(
        f"{'N':>6} {'first s':>8} {'ours s':>7} {'cpu':>6} {'pages':>6} {'pages/s':>8} {'base s':>7} {'cpu':>6} {'pages':>6} {'pages/s':>8} {'ratio':>6} {'cpu ratio':>9}"
    )
    times = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            ours = copy_project(Path(tmp) / "ours")
            write_posts(ours, n)
            base = copy_project(Path(tmp) / "base")
            for name in ("posts", "ja"):
                (base / name).mkdir(exist_ok=True)
            make_baseline(base, ours)
            # Alternate the two builds and keep each one's fastest run: the machine's noise only adds time.
            ours_runs, base_runs = [], []
            for _ in range(repeats):
                ours_runs.append(timed_build(ours))
                base_runs.append(timed_build(base))
            our_s, our_cpu, our_pages = min(ours_runs)
            base_s, base_cpu, base_pages = min(base_runs)
        times[n] = our_s
        print(
            f"{n:>6} {ours_runs[0][0]:>8.2f} {our_s:>7.2f} {our_cpu:>6.2f} {our_pages:>6} {our_pages / our_s:>8.1f} {base_s:>7.2f} {base_cpu:>6.2f} {base_pages:>6} "
            f"{base_pages / base_s:>8.1f} {our_s / base_s:>6.2f} {our_cpu / base_cpu:>9.2f}"
        )
    if len(times) > 1:
        small, large = min(times), max(times)
        print(f"time({large}) / time({small}) = {times[large] / times[small]:.2f}")
    return times


def serve_table(root: Path, posts: int, edits: int, real_site: bool) -> None:
    print(f"{'site':>10} {'serve s':>8} {'serve --dirty s':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        if real_site:
            real = copy_project(Path(tmp) / "real")
            for folder in ("posts", "ja", "notebooks"):
                shutil.copytree(root / folder, real / folder)
            post = "posts/chinchilla-compute-optimal.md"
            print(
                f"{'real':>10} {measure(real, post, 'posts/chinchilla-compute-optimal/'):>8.2f} "
                f"{measure(real, post, 'posts/chinchilla-compute-optimal/', dirty=True):>16.2f}"
            )
        synthetic = copy_project(Path(tmp) / f"n{posts}")
        write_posts(synthetic, posts)
        slug = f"synthetic-{min(7, posts - 1):04d}"
        post, url = f"posts/{slug}.md", f"posts/{slug}/"
        print(
            f"{f'N={posts}':>10} {measure(synthetic, post, url, edits=edits):>8.2f} "
            f"{measure(synthetic, post, url, dirty=True, edits=edits):>16.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--repeats", type=int, default=3, help="builds of each kind per N; the fastest counts")
    parser.add_argument("--serve", action="store_true", help="also time mkdocs serve's save-to-reload loop")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, to check that the script runs")
    args = parser.parse_args()
    if args.smoke:
        args.sizes, args.repeats = [2], 1
    root = Path(__file__).resolve().parents[1]
    start = time.perf_counter()
    if not args.smoke:
        with tempfile.TemporaryDirectory() as tmp:
            real = copy_project(Path(tmp) / "real")
            for folder in ("posts", "ja", "notebooks"):
                shutil.copytree(root / folder, real / folder)
            first, first_cpu, pages = timed_build(real)
            seconds, cpu, pages = timed_build(real)
        print(
            f"real site: {pages} pages in {first:.2f}s ({first_cpu:.2f}s cpu) with an empty card cache, {seconds:.2f}s ({cpu:.2f}s cpu) rebuilt"
        )
    run(args.sizes, args.repeats)
    if args.serve:
        serve_table(root, posts=2 if args.smoke else 500, edits=1 if args.smoke else 2, real_site=not args.smoke)
    print(f"benchmark finished in {time.perf_counter() - start:.0f}s")


if __name__ == "__main__":
    main()
