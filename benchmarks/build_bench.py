"""Build speed: our site against plain MkDocs + Material + static-i18n on the same Markdown.

For each N it writes N synthetic posts in both languages into a temporary copy of the project,
builds it with our plugins, then builds the same Markdown as plain docs/ pages (suffix layout,
no plugin of ours) and prints seconds, pages per second and the ratio.

    .venv/bin/python benchmarks/build_bench.py [--sizes 100 500 1000] [--serve]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import copy_project, write_posts

OUR_PLUGINS_RE = re.compile(r"\n  - fieldnotes/.*?(?=\n  - |\n\S|\Z)", re.S)


def timed_build(project: Path) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"], cwd=project, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, sum(1 for _ in (project / "site").rglob("*.html"))


def make_baseline(project: Path, ours: Path) -> None:
    """The same posts as docs/posts/<slug>.md and docs/posts/<slug>.ja.md, our plugins removed."""
    config = (ours / "mkdocs.yml").read_text(encoding="utf-8")
    config = OUR_PLUGINS_RE.sub("", config)
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


def run(sizes: list[int]) -> dict[int, float]:
    print(f"{'N':>6} {'ours s':>8} {'pages':>6} {'pages/s':>8} {'base s':>8} {'pages':>6} {'pages/s':>8} {'ratio':>6}")
    times = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            ours = copy_project(Path(tmp) / "ours")
            write_posts(ours, n)
            base = copy_project(Path(tmp) / "base")
            for name in ("posts", "ja"):
                (base / name).mkdir(exist_ok=True)
            make_baseline(base, ours)
            our_s, our_pages = timed_build(ours)
            base_s, base_pages = timed_build(base)
        times[n] = our_s
        print(f"{n:>6} {our_s:>8.2f} {our_pages:>6} {our_pages / our_s:>8.1f} {base_s:>8.2f} {base_pages:>6} {base_pages / base_s:>8.1f} {our_s / base_s:>6.2f}")
    if len(times) > 1:
        small, large = min(times), max(times)
        print(f"time({large}) / time({small}) = {times[large] / times[small]:.2f}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    start = time.perf_counter()
    seconds, pages = timed_build(root)
    print(f"real site: {pages} pages in {seconds:.2f}s")
    run(args.sizes)
    print(f"benchmark finished in {time.perf_counter() - start:.0f}s")


if __name__ == "__main__":
    main()
