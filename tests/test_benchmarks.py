"""Every benchmark script runs in its smoke mode (tiny sizes) and prints its figures, so none of them
rots unnoticed. The figures' values are the benchmarks' business; here they only have to be there."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from realsite import ROOT

pytestmark = pytest.mark.spread  # each script on whichever worker is free; they share only the real site
BENCHMARKS = ROOT / "benchmarks"
NUMBER = r"-?[\d.,]+"
# Each script: its arguments besides --smoke ({site}: the real site, {work}: a folder of its own), and
# the lines it must print.
SMOKE_RUNS = {
    "build_bench.py": (
        ["--serve"],
        [
            rf"(?m)^ +2 +{NUMBER} +{NUMBER} +{NUMBER} +\d+ +{NUMBER} +{NUMBER} +{NUMBER} +\d+ +{NUMBER} +{NUMBER} +{NUMBER}$",
            rf"(?m)^ +N=2 +{NUMBER} +{NUMBER}$",
            r"benchmark finished in \d+s",
        ],
    ),
    "cards_bench.py": (
        [],
        [
            rf"4 cards, empty cache: {NUMBER} s \({NUMBER} s CPU\), \d+ ms a card, \d+ KB a card",
            r"4 cards, all cached: \d+ ms \(\d+ ms CPU\), \d+ µs a card",
            rf"real site, 2 cards and their listing thumbnails: {NUMBER} s drawn, {NUMBER} ms cached",
        ],
    ),
    "linkcheck_bench.py": (
        ["--work", "{work}"],
        [
            r"clean site: \d+ pages",
            rf"fieldnotes linkcheck +{NUMBER}s +\d+ pages/s +\d+ links/s",
            rf"linkchecker +{NUMBER}s +\d+ pages/s +\d+ links/s",
            r"found: fieldnotes linkcheck 12/12, linkchecker \d+/12",  # ours finds every seeded breakage
        ],
    ),
    "math_bench.py": (
        ["--compare"],
        [
            r"Temml +\d+ ms +\d+ kB of markup",
            rf"Temml +{NUMBER} kB for math: math.css",
            r"through the Python client: process start \d+ ms; per 20 new formulas \d+ ms cold, \d+ ms warm",
            rf"with math +{NUMBER} s wall +{NUMBER} s cpu",
            rf"math costs +{NUMBER} s wall",
        ],
    ),
    "reader_audit.py": (
        ["--site", "{site}"],
        [
            r"## 3Dmol viewers and a Space \(en\): `/posts/visualizing-proteins-3dmol/`",
            rf"(?m)^\| \d+ \| \d+ \| \d+ \| \d+ \| {NUMBER} \| {NUMBER} kB \| {NUMBER} kB \| \d+ \|$",
            r"## axe at every width and in both schemes \(2 pages × 1 screens\)",
        ],
    ),
    "search_bench.py": (
        ["--site", "{site}"],
        [
            rf"recall@5 en: {NUMBER}% of 20 queries",
            rf"recall@5 ja: {NUMBER}% of 20 queries",
            rf"(?m)^ +12 +en +\d+ +{NUMBER}MB +'quantization' +{NUMBER} kB +\d+ ms +\d+ ms$",
            rf"(?m)^ +12 +ja +\d+ +{NUMBER}MB +'量子化' +{NUMBER} kB +\d+ ms +\d+ ms$",
        ],
    ),
}


def test_every_benchmark_script_has_a_smoke_run():
    scripts = {path.name for path in BENCHMARKS.glob("*.py") if 'if __name__ == "__main__":' in path.read_text(encoding="utf-8")}
    assert scripts == set(SMOKE_RUNS)


@pytest.mark.parametrize("script", SMOKE_RUNS)
def test_the_benchmark_runs_and_prints_its_figures(script, real_site, tmp_path):
    arguments, figures = SMOKE_RUNS[script]
    arguments = [argument.format(site=real_site, work=tmp_path / "work") for argument in arguments]
    process = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), "--smoke", *arguments],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=280,  # the suite's own limit for a test is 300 s
        check=False,
    )
    output = process.stdout + process.stderr
    assert process.returncode == 0, output[-4000:]
    missing = [figure for figure in figures if not re.search(figure, process.stdout)]
    assert missing == [], process.stdout[-4000:]
