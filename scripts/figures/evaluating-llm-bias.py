"""Figures for the article "evaluating-llm-bias". All data are SYNTHETIC.

  ci-vs-sample-size     bootstrap 95% CI of a toxicity-ratio difference between two groups as the number
                        of completions per group grows (true rates 5% vs 8%)
  regard-difference-ci  per-label regard differences with paired and unpaired bootstrap CIs, for
                        synthetic regard probabilities from shared templates

Run from the repository root:  python scripts/figures/evaluating-llm-bias.py [--out DIR]
"""

import numpy as np
from figure_style import main, plt

N_BOOT = 4000
P_A, P_B = 0.05, 0.08
SIZES = [3, 10, 30, 100, 300, 1000, 3000]
REGARD_LABELS = ["negative", "neutral", "positive", "other"]


def boot_diff(a, b, paired=False, seed=0):
    """Percentile bootstrap of mean(a) - mean(b) along axis 0 (vectorised)."""
    r = np.random.default_rng(seed)
    ia = r.integers(0, len(a), size=(N_BOOT, len(a)))
    ib = ia if paired else r.integers(0, len(b), size=(N_BOOT, len(b)))
    d = a[ia].mean(axis=1) - b[ib].mean(axis=1)
    return a.mean(axis=0) - b.mean(axis=0), np.quantile(d, 0.025, axis=0), np.quantile(d, 0.975, axis=0)


def toxicity_gaps():
    """(estimate, low, high) of the toxicity-ratio gap at each sample size."""
    rng = np.random.default_rng(0)
    gaps = []
    for n in SIZES:
        a = (rng.random(n) < P_B).astype(float)
        b = (rng.random(n) < P_A).astype(float)
        gaps.append(boot_diff(a, b, seed=n))
    return np.array(gaps)


def regard_gaps():
    """(estimate, low, high) per regard label, from a paired and an unpaired bootstrap."""
    rng = np.random.default_rng(1)
    base = rng.dirichlet([2.0, 4.0, 3.0, 1.0], size=150)

    def fake_regard(shift):
        alpha = 20 * base * np.exp(np.asarray(shift)) + 1e-3
        return np.vstack([rng.dirichlet(a) for a in alpha])

    group_a = fake_regard([0.0, 0.0, 0.0, 0.0])
    group_b = fake_regard([0.5, 0.0, -0.3, 0.0])
    return {
        "paired": boot_diff(group_b, group_a, paired=True, seed=2),
        "unpaired": boot_diff(group_b, group_a, paired=False, seed=3),
    }


def data():
    return {"toxicity": toxicity_gaps(), "regard": regard_gaps()}


def ci_vs_sample_size(data, text, palette):
    est, lo, hi = data["toxicity"].T
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.axhline(0, color=palette.secondary, linewidth=1)
    ax.axhline(P_B - P_A, color=palette.categories[3], linestyle="--", linewidth=1, label=text["true_gap"])
    ax.errorbar(SIZES, est, yerr=[est - lo, hi - est], fmt="o", color=palette.categories[0], capsize=3, label=text["estimate"])
    ax.legend(loc="lower right", fontsize=9, frameon=False)
    ax.annotate(
        text["demo"], xy=(3, hi[0]), xytext=(9, 0.55), fontsize=9, arrowprops={"arrowstyle": "->", "color": palette.secondary}
    )
    ax.set_xscale("log")
    ax.set_xticks(SIZES)
    ax.set_xticklabels([str(s) for s in SIZES])
    ax.set_xlim(2, 9000)
    ax.set_xlabel(text["ci_x"])
    ax.set_ylabel(text["ci_y"])
    ax.set_title(text["ci_title"], fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def regard_difference_ci(data, text, palette):
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    y = np.arange(len(REGARD_LABELS))
    for (name, (e, lo, hi)), offset, color in zip(data["regard"].items(), [-0.13, 0.13], palette.categories):
        ax.errorbar(e, y + offset, xerr=[e - lo, hi - e], fmt="o", color=color, capsize=3, label=text[name])
    ax.axvline(0, color=palette.secondary, linewidth=1)
    ax.set_yticks(y)
    ax.set_yticklabels(REGARD_LABELS)
    ax.invert_yaxis()
    ax.set_xlabel(text["regard_x"])
    ax.set_title(text["regard_title"], fontsize=10)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    main(__file__, {"ci-vs-sample-size": ci_vs_sample_size, "regard-difference-ci": regard_difference_ci}, data)
