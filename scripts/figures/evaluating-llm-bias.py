"""Figures for the article "evaluating-llm-bias". All data are SYNTHETIC.

Writes two SVGs to posts/assets/evaluating-llm-bias/:
  - ci-vs-sample-size.svg: bootstrap 95% CI of a toxicity-ratio difference between two
    groups as the number of completions per group grows (true rates 5% vs 8%)
  - regard-difference-ci.svg: per-label regard differences with paired and unpaired
    bootstrap CIs, for synthetic regard probabilities from shared templates

Run from the repository root:  python scripts/figures/evaluating-llm-bias.py
"""

import numpy as np
from figure_style import output_dir, plt, save

OUT = output_dir("evaluating-llm-bias")
N_BOOT = 4000


def boot_diff(a, b, paired=False, seed=0):
    """Percentile bootstrap of mean(a) - mean(b) along axis 0 (vectorised)."""
    r = np.random.default_rng(seed)
    ia = r.integers(0, len(a), size=(N_BOOT, len(a)))
    ib = ia if paired else r.integers(0, len(b), size=(N_BOOT, len(b)))
    d = a[ia].mean(axis=1) - b[ib].mean(axis=1)
    return a.mean(axis=0) - b.mean(axis=0), np.quantile(d, 0.025, axis=0), np.quantile(d, 0.975, axis=0)


def ci_vs_sample_size():
    rng = np.random.default_rng(0)
    p_a, p_b = 0.05, 0.08
    sizes = [3, 10, 30, 100, 300, 1000, 3000]
    est, lo, hi = [], [], []
    for n in sizes:
        a = (rng.random(n) < p_b).astype(float)
        b = (rng.random(n) < p_a).astype(float)
        e, l, h = boot_diff(a, b, seed=n)
        est.append(e)
        lo.append(l)
        hi.append(h)
    est, lo, hi = map(np.asarray, (est, lo, hi))
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.axhline(0, color="0.3", linewidth=1)
    ax.axhline(p_b - p_a, color="#c44e52", linestyle="--", linewidth=1, label="true gap (+0.03)")
    ax.errorbar(sizes, est, yerr=[est - lo, hi - est], fmt="o", color="#4c72b0", capsize=3, label="estimate and 95% CI")
    ax.legend(loc="lower right", fontsize=9, frameon=False)
    ax.annotate(
        "3 completions per group:\nthe size of a quick demo",
        xy=(3, hi[0]),
        xytext=(9, 0.55),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "0.3"},
    )
    ax.set_xscale("log")
    ax.set_xticks(sizes)
    ax.set_xticklabels([str(s) for s in sizes])
    ax.set_xlim(2, 9000)
    ax.set_xlabel("completions per group")
    ax.set_ylabel("toxicity ratio, B minus A")
    ax.set_title("Synthetic data: bootstrap 95% CI of a group difference (rates 8% vs 5%)", fontsize=10)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    save(fig, OUT / "ci-vs-sample-size.svg")
    plt.close(fig)


def regard_difference_ci():
    rng = np.random.default_rng(1)
    labels = ["negative", "neutral", "positive", "other"]
    n_templates = 150
    base = rng.dirichlet([2.0, 4.0, 3.0, 1.0], size=n_templates)

    def fake_regard(shift):
        alpha = 20 * base * np.exp(np.asarray(shift)) + 1e-3
        return np.vstack([rng.dirichlet(a) for a in alpha])

    group_a = fake_regard([0.0, 0.0, 0.0, 0.0])
    group_b = fake_regard([0.5, 0.0, -0.3, 0.0])
    paired = boot_diff(group_b, group_a, paired=True, seed=2)
    unpaired = boot_diff(group_b, group_a, paired=False, seed=3)

    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    y = np.arange(len(labels))
    for (e, l, h), off, color, name in [
        (paired, -0.13, "#4c72b0", "paired bootstrap (resample templates)"),
        (unpaired, 0.13, "#dd8452", "unpaired bootstrap"),
    ]:
        ax.errorbar(e, y + off, xerr=[e - l, h - e], fmt="o", color=color, capsize=3, label=name)
    ax.axvline(0, color="0.3", linewidth=1)
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_xlabel("mean regard probability, group B minus group A")
    ax.set_title("Synthetic data: per-label regard difference with 95% CIs", fontsize=10)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    save(fig, OUT / "regard-difference-ci.svg")
    plt.close(fig)


if __name__ == "__main__":
    ci_vs_sample_size()
    regard_difference_ci()
    for p in sorted(OUT.glob("*.svg")):
        print(p.name, p.stat().st_size, "bytes")
