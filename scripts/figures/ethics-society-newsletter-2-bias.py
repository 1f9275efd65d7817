"""Figures for the article "Ethics and Society Newsletter #2: Let's talk about bias".

Writes two SVGs to posts/assets/ethics-society-newsletter-2-bias/:
  - bias-lifecycle.svg: the three development stages and their checklists
  - per-group-error-rates.svg: disaggregated metrics from the article's code example
Run from the repository root: python scripts/figures/ethics-society-newsletter-2-bias.py
"""

import figure_style
import numpy as np
from figure_style import output_dir, plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from sklearn.linear_model import LogisticRegression

OUT = output_dir("ethics-society-newsletter-2-bias")


def save(fig, name):
    figure_style.save(fig, OUT / name, bbox_inches="tight")
    plt.close(fig)


# ---------------------------------------------------------------- lifecycle
def lifecycle():
    stages = [
        (
            "1. Task definition",
            "#dbe9f6",
            [
                "Investigate: reports of bias",
                "in the field before ML",
                "Investigate: at-risk groups",
                "for this use case",
                "Examine: does the objective",
                "reinforce past behaviour?",
                "Examine: objectives that",
                "favour diversity",
            ],
        ),
        (
            "2. Dataset curation",
            "#e3f1df",
            [
                "Identify: creation steps and",
                "social variables that matter",
                "Measure: demographic mix and",
                "stereotyped associations",
                "Document: dataset card",
                "Adapt: pick or fix the data",
            ],
        ),
        (
            "3. Model training",
            "#fbe7d3",
            [
                "Visualize: generations or",
                "clusters of errors",
                "Evaluate: relevant bias",
                "benchmarks",
                "Document: model card with",
                "disaggregated results",
            ],
        ),
    ]
    fig, ax = plt.subplots(figsize=(9.6, 4.2))
    ax.set_xlim(0, 30)
    ax.set_ylim(-1.6, 12)
    ax.axis("off")
    x0s = [0.5, 10.5, 20.5]
    for x0, (title, color, lines) in zip(x0s, stages):
        ax.add_patch(
            FancyBboxPatch((x0, 2.2), 8.6, 8.6, boxstyle="round,pad=0.2", facecolor=color, edgecolor="#444444", linewidth=1)
        )
        ax.text(x0 + 4.3, 10.2, title, ha="center", va="center", fontweight="bold", fontsize=11)
        for i, line in enumerate(lines):
            ax.text(x0 + 0.4, 9.1 - i * 0.85, line, ha="left", va="center", fontsize=8.8)
    for xa, xb in [(9.4, 10.4), (19.4, 20.4)]:
        ax.add_patch(FancyArrowPatch((xa, 6.5), (xb, 6.5), arrowstyle="-|>", mutation_scale=16, color="#444444", linewidth=1.4))
    # feedback from deployment back to the start
    ax.add_patch(
        FancyArrowPatch(
            (29.0, 2.0),
            (1.0, 2.0),
            connectionstyle="arc3,rad=-0.12",
            arrowstyle="-|>",
            mutation_scale=16,
            color="#a33",
            linewidth=1.4,
        )
    )
    ax.text(
        15,
        -0.9,
        "deployment context and feedback: document, share, revisit every stage",
        ha="center",
        va="center",
        color="#a33",
        fontsize=9.5,
    )
    save(fig, "bias-lifecycle.svg")


# ---------------------------------------------------------- per-group rates
def per_group_rates():
    rng = np.random.default_rng(0)

    def make_data(n, frac_b=0.1, offset_b=0.8):
        group = np.where(rng.random(n) < frac_b, "B", "A")
        x_true = rng.normal(size=(n, 3))
        logit = 1.5 * x_true[:, 0] + 1.0 * x_true[:, 1] - 0.5 * x_true[:, 2] - 1.0
        y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
        x_obs = x_true.copy()
        x_obs[group == "B", 0] += offset_b
        return x_obs, y, group

    X_train, y_train, _ = make_data(20_000)
    X_test, y_test, g_test = make_data(20_000)
    y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)

    def rates(y_true, y_hat):
        tp = np.sum((y_hat == 1) & (y_true == 1))
        tn = np.sum((y_hat == 0) & (y_true == 0))
        fp = np.sum((y_hat == 1) & (y_true == 0))
        fn = np.sum((y_hat == 0) & (y_true == 1))
        return [(tp + tn) / y_true.size, fp / max(fp + tn, 1), fn / max(fn + tp, 1), (tp + fp) / y_true.size]

    slices = {"overall": np.ones_like(y_test, dtype=bool), "group A (90%)": g_test == "A", "group B (10%)": g_test == "B"}
    values = {k: rates(y_test[m], y_pred[m]) for k, m in slices.items()}
    metrics = ["accuracy", "false positive\nrate", "false negative\nrate", "selection\nrate"]
    colors = ["#888888", "#3b75af", "#d9822b"]

    fig, ax = plt.subplots(figsize=(7.6, 3.6))
    x = np.arange(len(metrics))
    width = 0.26
    for i, (name, vals) in enumerate(values.items()):
        bars = ax.bar(x + (i - 1) * width, vals, width, label=name, color=colors[i])
        for b, v in zip(bars, vals):
            ax.text(b.get_x() + b.get_width() / 2, v + 0.012, f"{v:.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x)
    ax.set_xticklabels(metrics)
    ax.set_ylim(0, 1)
    ax.set_ylabel("rate on the test set")
    ax.set_title("Same model, same threshold: similar accuracy, very different errors", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, ncol=3, loc="upper left")
    save(fig, "per-group-error-rates.svg")


if __name__ == "__main__":
    lifecycle()
    per_group_rates()
    for p in sorted(OUT.glob("*.svg")):
        print(p.name, p.stat().st_size, "bytes")
