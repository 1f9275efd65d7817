"""The cost of mathematics: renderer time, bytes a math page loads, and build time at N posts.

    .venv/bin/python benchmarks/math_bench.py [--size 1000] [--repeats 1] [--compare] [--smoke]

It writes N synthetic posts in both languages with five formulas each (two inline, three
display, one of them labelled and referenced), unique per post so that only the second
language reuses the cache, and builds them with the math plugin on and off (off, the TeX stays
as text). It prints the build times, the renderer's time per 1,000 formulas through the Python
client, and the bytes a math page transfers for math (stylesheet gzipped, font), measured in
Chromium. With --compare it also times KaTeX (MathML only, and HTML plus MathML) against Temml
in one Node process on a corpus like the articles' formulas, and measures what a page of that
corpus loads for math with each. --smoke runs every step with two posts and batches of 20 formulas,
so the test suite knows the script still runs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from build_bench import timed_build
from reader_audit import CompressingHandler, measure_transfer
from synthetic import copy_project, post_text

from fieldnotes.core.collection import body_digest
from fieldnotes.core.features.math import MathRenderer
from fieldnotes.core.features.math.assets import MATH_ASSETS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser import chromium, serve

# Formulas like the articles': Chinchilla, DeepONet, QLoRA, RLHF, bias, BLOOM and unlearning.
CORPUS = [
    (r"L(N, D) = E + \frac{A}{N^{\alpha}} + \frac{B}{D^{\beta}}", True),
    (
        (
            r"N_{\text{opt}}(C) = G \left(\frac{C}{6}\right)^{\frac{\beta}{\alpha+\beta}}, \quad "
            r"D_{\text{opt}}(C) = G^{-1} \left(\frac{C}{6}\right)^{\frac{\alpha}{\alpha+\beta}}, \quad "
            r"G = \left(\frac{\alpha A}{\beta B}\right)^{\frac{1}{\alpha+\beta}}"
        ),
        True,
    ),
    (r"C \approx 6ND", False),
    (r"E = 1.69,\; A = 406.4,\; B = 410.7,\; \alpha = 0.34,\; \beta = 0.28", True),
    (r"\frac{ds}{dx} = u(x), \quad x \in [0, 1], \quad s(0) = 0", True),
    (r"G_\theta(u)(y) \approx \sum_{k=1}^{p} b_k\big(u(x_1), \dots, u(x_m)\big)\, t_k(y) + b_0", True),
    (r"r_\theta(u, y) = \frac{d}{dy} G_\theta(u)(y) - u(y)", True),
    (
        (
            r"\mathcal{L}(\theta) = \frac{1}{N}\sum_{i=1}^{N} \bigl\lvert G_\theta(u^{(i)})(0) \bigr\rvert^2 + "
            r"\frac{1}{NQ} \sum_{i=1}^{N} \sum_{j=1}^{Q} \left\lVert \frac{d G_\theta(u^{(i)})}{dy}(y_j) - u^{(i)}(y_j) \right\rVert^2"
        ),
        True,
    ),
    (
        r"X^{\text{Int8}} = \operatorname{round}\!\left(\frac{127}{\operatorname{absmax}(X^{\text{FP32}})}\, X^{\text{FP32}}\right)",
        True,
    ),
    (r"q_i = \frac{1}{2}\left(Q_X\!\left(\frac{i}{2^k+1}\right) + Q_X\!\left(\frac{i+1}{2^k+1}\right)\right)", True),
    (
        (
            r"\begin{align} \text{FP32 constants:}\quad & \frac{32}{64} = 0.5 \text{ bits per parameter} \\ "
            r"\text{double quantization:}\quad & \frac{8}{64} + \frac{32}{64 \cdot 256} \approx 0.127 \text{ bits per parameter} \end{align}"
        ),
        True,
    ),
    (r"R(x, y) = r_\phi(x, y) - \beta \log \frac{\pi^{\text{RL}}_\theta(y \mid x)}{\pi^{\text{ref}}(y \mid x)}", True),
    (
        (
            r"L^{\text{CLIP}}(\theta) = \hat{\mathbb{E}}_t\left[\min\left(\rho_t(\theta)\hat{A}_t,\ "
            r"\operatorname{clip}\left(\rho_t(\theta), 1-\epsilon, 1+\epsilon\right)\hat{A}_t\right)\right]"
        ),
        True,
    ),
    (r"h = W_0 x + \frac{\alpha}{r} B A x, \quad B \in \mathbb{R}^{d \times r},\ A \in \mathbb{R}^{r \times k}", True),
    (r"W + \tfrac{\alpha}{r} BA", False),
    (
        (
            r"\Delta_{\text{regard}} = \frac{1}{|S_a|}\sum_{s \in S_a} \operatorname{regard}(s) - "
            r"\frac{1}{|S_b|}\sum_{s \in S_b} \operatorname{regard}(s)"
        ),
        True,
    ),
    (
        r"\operatorname{regard}(s) = \begin{cases} +1 & \text{if positive} \\ 0 & \text{if neutral} \\ -1 & \text{if negative} \end{cases}",
        True,
    ),
    (r"\left[\hat{\theta}^{*}_{(0.025)},\ \hat{\theta}^{*}_{(0.975)}\right]", True),
    (r"176 \times 10^{9} \times 2\ \text{bytes} \approx 352\ \text{GB}", True),
    (r"t_{\text{comm}} \approx \underbrace{2\,\frac{p-1}{p}}_{\text{all-reduce}} \cdot \frac{2 b s h}{\text{bandwidth}}", True),
    (r"\arg\min_{\theta} \; \mathbb{E}_{(x,y) \sim \mathcal{D}} \left[ -\log p_\theta(y \mid x) \right]", True),
    (r"\sqrt{d_k}", False),
    (r"\pi_{\text{ref}}", False),
    (r"f'(x) = \boldsymbol{\theta}^\top \mathbf{x}", False),
]

NODE_TIMING = r"""
const katex = require("katex"), temml = require("temml");
const corpus = JSON.parse(process.argv[1]);
const items = Array.from({length: Number(process.argv[2])}, (_, i) => corpus[i % corpus.length]);
const renderers = {
  "KaTeX, MathML only": ([t, d]) => katex.renderToString(t, {displayMode: d, output: "mathml", throwOnError: true}),
  "KaTeX, HTML and MathML": ([t, d]) => katex.renderToString(t, {displayMode: d, output: "htmlAndMathml", throwOnError: true}),
  "Temml": ([t, d]) => temml.renderToString(t, {displayMode: d, annotate: true, throwOnError: true}),
};
const best = {}, bytes = {};
for (let round = 0; round < 4; round++) {
  for (const [name, render] of Object.entries(renderers)) {
    const start = process.hrtime.bigint();
    bytes[name] = items.reduce((sum, item) => sum + render(item).length, 0);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (round > 0) best[name] = Math.min(best[name] ?? Infinity, ms);  // round 0 warms the JIT
  }
}
console.log(JSON.stringify({best, bytes}));
"""


def synthetic_formulas(index: int, reference: str) -> str:
    """Five formulas for post `index`, in Markdown, different for every post, and a link to `reference`."""
    return f"""
## Model {{ #model }}

The loss of run {index} is $L_{{{index}}}(N, D)$ and its budget is $C_{{{index}}} \\approx 6ND$:

$$
L_{{{index}}}(N, D) = E + \\frac{{A_{{{index}}}}}{{N^{{\\alpha}}}} + \\frac{{B}}{{D^{{\\beta}}}} \\label{{eq-loss}}
$$

$$
N_{{\\mathrm{{opt}}}} = G \\left(\\frac{{C_{{{index}}}}}{{6}}\\right)^{{\\frac{{\\beta}}{{\\alpha+\\beta}}}}
$$

\\begin{{align}}
R_{{{index}}}(x, y) &= r_\\phi(x, y) - \\beta \\log \\frac{{\\pi_\\theta(y \\mid x)}}{{\\pi_{{\\mathrm{{ref}}}}(y \\mid x)}}
\\end{{align}}

See [the loss]({reference}).
"""


def write_math_posts(project: Path, count: int, reference: str = "#eq-loss") -> None:
    for folder in ("posts", "ja"):
        (project / folder).mkdir(exist_ok=True)
    for index in range(count):
        with_embed = index % 10 == 0
        english = post_text(index, "en", with_embed) + synthetic_formulas(index, reference)
        digest = body_digest(english.split("\n---\n", 1)[1])
        japanese = post_text(index, "ja", with_embed, digest) + synthetic_formulas(index, reference)
        (project / "posts" / f"synthetic-{index:04d}.md").write_text(english, encoding="utf-8")
        (project / "ja" / f"synthetic-{index:04d}.md").write_text(japanese, encoding="utf-8")


def disable_math(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - fieldnotes/features\n", "  - fieldnotes/features:\n      disabled: [mathematics]\n", 1),
        encoding="utf-8",
    )


def build_times(size: int, repeats: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with_math = copy_project(Path(tmp) / "with")
        write_math_posts(with_math, size)
        without = copy_project(Path(tmp) / "without")
        write_math_posts(without, size, reference="#model")  # without math there is no #eq-loss to link to
        disable_math(without)
        runs = {"with math": [], "without": []}
        for _ in range(repeats):
            runs["with math"].append(timed_build(with_math))
            runs["without"].append(timed_build(without))
        (on, on_cpu, pages), (off, off_cpu, _) = min(runs["with math"]), min(runs["without"])
        formulas = size * 5 * 2
        print(f"build, N = {size} posts x 2 languages, {formulas} formulas, {pages} pages (fastest of {repeats}):")
        print(f"  with math    {on:7.2f} s wall  {on_cpu:7.2f} s cpu")
        print(f"  without math {off:7.2f} s wall  {off_cpu:7.2f} s cpu")
        print(f"  math costs   {on - off:7.2f} s wall  {on_cpu - off_cpu:7.2f} s cpu (Node's cpu included)")
        print(f"               {1000 * (on - off) / formulas:7.2f} ms wall per formula")
        page_bytes(with_math / "site", "posts/synthetic-0001/", "Temml (built page)")


def client_time(count: int) -> None:
    """Batches of `count` different formulas through MathRenderer: Node, pipes and JSON included."""
    batches = [
        [(f"{tex} + x_{{{batch}{index}}}", display) for index, (tex, display) in enumerate(CORPUS * 42)][:count]
        for batch in range(3)
    ]
    renderer = MathRenderer(ROOT)
    try:
        start = time.perf_counter()
        renderer.render([("x", False)])
        startup = time.perf_counter() - start
        seconds = []
        for batch in batches:
            start = time.perf_counter()
            renderer.render(batch)
            seconds.append(time.perf_counter() - start)
        start = time.perf_counter()
        renderer.render(batches[0])
        cached = time.perf_counter() - start
    finally:
        renderer.close()
    print(
        f"{renderer.version} through the Python client: process start {1000 * startup:.0f} ms; per {count:,} new formulas "
        f"{1000 * seconds[0]:.0f} ms cold, {1000 * min(seconds[1:]):.0f} ms warm; {1000 * cached:.1f} ms from the cache"
    )


def page_bytes(site: Path, path: str, label: str) -> int:
    """Compressed bytes a page transfers for math: stylesheet and fonts under assets/math/ or KaTeX's."""
    with serve(site, CompressingHandler) as url, chromium() as browser:
        transfer = measure_transfer(browser, url + path, scroll_viewers=False)
    parts = {name.rsplit("/", 1)[-1]: size for name, size in transfer.before.items() if "/math/" in name or "/katex/" in name}
    total = sum(parts.values())
    print(
        f"  {label:<24} {total / 1000:6.1f} kB for math: "
        + ", ".join(f"{name} {size / 1000:.1f}" for name, size in parts.items())
    )
    return total


def compare(count: int) -> None:
    timing = subprocess.run(
        ["node", "-e", NODE_TIMING, json.dumps(CORPUS), str(count)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result = json.loads(timing.stdout)
    print(f"renderers in one Node process, {count:,} formulas cycled from a corpus of {len(CORPUS)} (best of 3 after a warm-up):")
    for name, ms in result["best"].items():
        print(f"  {name:<24} {ms:7.0f} ms   {result['bytes'][name] / 1000:7.0f} kB of markup")
    print("bytes a page of that corpus loads for math, in Chromium (text gzipped):")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "katex").symlink_to(ROOT / "node_modules/katex/dist")
        for asset in MATH_ASSETS:  # what the build writes into assets/math/
            target = site / "math" / Path(asset.target).name
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(asset.source(ROOT) if callable(asset.source) else (ROOT / asset.source).read_bytes())
        katex_math = render_corpus("katex", "htmlAndMathml")
        temml_math = render_corpus("temml", None)
        write_page(site / "katex.html", "katex/katex.min.css", katex_math)
        write_page(site / "temml.html", "math/math.css", temml_math)
        page_bytes(site, "katex.html", "KaTeX, HTML and MathML")
        page_bytes(site, "temml.html", "Temml")


def render_corpus(name: str, output: str | None) -> list[str]:
    options = f"{{output: {json.dumps(output)}, " if output else "{annotate: true, "
    program = (
        f"const r = require({json.dumps(name)}); const corpus = JSON.parse(process.argv[1]);"
        f"console.log(JSON.stringify(corpus.map(([t, d]) => r.renderToString(t, {options} displayMode: d}}))));"
    )
    done = subprocess.run(["node", "-e", program, json.dumps(CORPUS)], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def write_page(path: Path, stylesheet: str, formulas: list[str]) -> None:
    body = "".join(f"<p>{formula}</p>" for formula in formulas)
    html = f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>corpus</title><link rel="stylesheet" href="{stylesheet}"></head><body>{body}</body></html>'
    path.write_text(html, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="synthetic posts per language")
    parser.add_argument("--repeats", type=int, default=1, help="builds of each kind; the fastest counts")
    parser.add_argument("--compare", action="store_true", help="also compare KaTeX and Temml on the corpus")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, to check that the script runs")
    args = parser.parse_args()
    formulas = 20 if args.smoke else 1000
    if args.smoke:
        args.size, args.repeats = 2, 1
    start = time.perf_counter()
    if args.compare:
        compare(formulas)
    client_time(formulas)
    build_times(args.size, args.repeats)
    print(f"benchmark finished in {time.perf_counter() - start:.0f}s")


if __name__ == "__main__":
    main()
