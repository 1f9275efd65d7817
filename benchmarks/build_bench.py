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


def without_citations(project: Path) -> Path:
    """A copy of `project` whose build leaves citations out: `[@key]` stays as written, no bibliography is read."""
    copy = project.with_name(project.name + "-uncited")
    shutil.copytree(project, copy, symlinks=True, ignore=shutil.ignore_patterns("site", ".cache"))
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    (copy / "mkdocs.yml").write_text(
        config.replace("\n  - fieldnotes/features\n", "\n  - fieldnotes/features:\n      disabled: [citations]\n", 1),
        encoding="utf-8",
    )
    return copy


def citation_cost(name: str, project: Path, repeats: int) -> None:
    """The build with citations against the same build without them, alternated; the fastest of each counts."""
    uncited = without_citations(project)
    timed_build(project)  # the card cache, filled once for both
    shutil.copytree(project / ".cache", uncited / ".cache", dirs_exist_ok=True)
    cited_runs, uncited_runs = [], []
    for _ in range(repeats):
        cited_runs.append(timed_build(project))
        uncited_runs.append(timed_build(uncited))
    (with_s, with_cpu, _), (without_s, without_cpu, _) = min(cited_runs), min(uncited_runs)
    print(
        f"{name:>10} {with_s:>7.2f} {without_s:>7.2f} {(with_s - without_s) / with_s:>7.1%} "
        f"{with_cpu:>7.2f} {without_cpu:>7.2f} {(with_cpu - without_cpu) / with_cpu:>7.1%}"
    )


def timed_steps(project: Path, steps: dict[str, tuple[object, str]]) -> tuple[float, dict[str, float]]:
    """A strict build in this process with each step (module, function name) timed: (build s, {step: s})."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent = dict.fromkeys(steps, 0.0)

    def timed(step: str, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[step] += time.perf_counter() - start

        return wrapper

    originals = {step: getattr(module, name) for step, (module, name) in steps.items()}
    for step, (module, name) in steps.items():
        setattr(module, name, timed(step, originals[step]))
    try:
        config = load_config(str(project / "mkdocs.yml"), strict=True)
        start = time.perf_counter()
        build(config)
        return time.perf_counter() - start, spent
    finally:
        for step, (module, name) in steps.items():
            setattr(module, name, originals[step])


def step_shares(name: str, project: Path) -> None:
    """The content policy's HTML5 parse and check, and the citations' page pass, as shares of a whole build."""
    import fieldnotes.mkdocs.blog.plugin as blog
    from fieldnotes.core.features import citations

    steps = {"policy": (blog, "find_violations"), "citations": (citations, "format_citations")}
    seconds, spent = timed_steps(project, steps)
    print(
        f"{name:>10} {seconds:>7.2f} {spent['policy']:>8.2f} {spent['policy'] / seconds:>7.1%} "
        f"{spent['citations']:>10.2f} {spent['citations'] / seconds:>7.1%}"
    )


def apparatus_tables(root: Path, size: int, repeats: int, real_site: bool) -> None:
    """What citations and the content policy cost: on the real site and on `size` synthetic posts citing three works each."""
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        if real_site:
            projects["real"] = copy_project(Path(tmp) / "real")
            shutil.copy(root / "references.bib", projects["real"] / "references.bib")
            for folder in ("posts", "ja", "notebooks"):
                shutil.copytree(root / folder, projects["real"] / folder)
        synthetic = copy_project(Path(tmp) / f"n{size}")
        write_posts(synthetic, size, citations=True)
        projects[f"N={size}"] = synthetic
        print("citations: build with them and without them (wall s, then cpu s)")
        print(f"{'site':>10} {'with':>7} {'without':>7} {'cost':>7} {'cpu with':>7} {'without':>7} {'cost':>7}")
        for name, project in projects.items():
            citation_cost(name, project, repeats)
        print("steps of one build, timed in process: the content policy and the citations' page pass")
        print(f"{'site':>10} {'build s':>7} {'policy s':>8} {'share':>7} {'citations s':>10} {'share':>7}")
        for name, project in projects.items():
            step_shares(name, project)


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
    apparatus_tables(root, size=2 if args.smoke else 1000, repeats=args.repeats, real_site=not args.smoke)
    if args.serve:
        serve_table(root, posts=2 if args.smoke else 500, edits=1 if args.smoke else 2, real_site=not args.smoke)
    print(f"benchmark finished in {time.perf_counter() - start:.0f}s")


if __name__ == "__main__":
    main()
