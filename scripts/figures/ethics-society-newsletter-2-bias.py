"""Figures for the article "Ethics and Society Newsletter #2: Let's talk about bias".

  bias-lifecycle         the three development stages and their checklists
  per-group-error-rates  disaggregated metrics from the article's code example

Run from the repository root:  python scripts/figures/ethics-society-newsletter-2-bias.py [--out DIR]
"""

import numpy as np
from figure_style import main, plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from sklearn.linear_model import LogisticRegression

METRICS = ["accuracy", "fpr", "fnr", "selection"]


def make_data(rng, n, frac_b=0.1, offset_b=0.8):
    group = np.where(rng.random(n) < frac_b, "B", "A")
    x_true = rng.normal(size=(n, 3))
    logit = 1.5 * x_true[:, 0] + 1.0 * x_true[:, 1] - 0.5 * x_true[:, 2] - 1.0
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    x_obs = x_true.copy()
    x_obs[group == "B", 0] += offset_b
    return x_obs, y, group


def rates(y_true, y_hat):
    tp = np.sum((y_hat == 1) & (y_true == 1))
    tn = np.sum((y_hat == 0) & (y_true == 0))
    fp = np.sum((y_hat == 1) & (y_true == 0))
    fn = np.sum((y_hat == 0) & (y_true == 1))
    return [(tp + tn) / y_true.size, fp / max(fp + tn, 1), fn / max(fn + tp, 1), (tp + fp) / y_true.size]


def data():
    """Rates of each slice of the test set, in the order of METRICS."""
    rng = np.random.default_rng(0)
    X_train, y_train, _ = make_data(rng, 20_000)
    X_test, y_test, g_test = make_data(rng, 20_000)
    y_pred = LogisticRegression().fit(X_train, y_train).predict(X_test)
    slices = {"overall": np.ones_like(y_test, dtype=bool), "group_a": g_test == "A", "group_b": g_test == "B"}
    return {name: rates(y_test[mask], y_pred[mask]) for name, mask in slices.items()}


def bias_lifecycle(data, text, palette):
    fig, ax = plt.subplots(figsize=(9.6, 4.2))
    ax.set_xlim(0, 30)
    ax.set_ylim(-1.6, 12)
    ax.axis("off")
    colors = [palette.categories[0], palette.categories[2], palette.categories[1]]
    for x0, stage, color in zip([0.5, 10.5, 20.5], text["stages"], colors):
        box = FancyBboxPatch(
            (x0, 2.2), 8.6, 8.6, boxstyle="round,pad=0.2", facecolor=palette.tint(color), edgecolor=palette.secondary
        )
        ax.add_patch(box)
        ax.text(x0 + 4.3, 10.2, stage["title"], ha="center", va="center", fontweight="bold", fontsize=11)
        for i, line in enumerate(stage["lines"]):
            ax.text(x0 + 0.4, 9.1 - i * 0.85, line, ha="left", va="center", fontsize=8.8)
    arrow = {"arrowstyle": "-|>", "mutation_scale": 16, "linewidth": 1.4}
    for xa, xb in [(9.4, 10.4), (19.4, 20.4)]:
        ax.add_patch(FancyArrowPatch((xa, 6.5), (xb, 6.5), color=palette.secondary, **arrow))
    # feedback from deployment back to the start
    ax.add_patch(FancyArrowPatch((29.0, 2.0), (1.0, 2.0), connectionstyle="arc3,rad=-0.12", color=palette.categories[3], **arrow))
    ax.text(15, -0.9, text["feedback"], ha="center", va="center", fontsize=9.5)
    return fig


def per_group_error_rates(data, text, palette):
    colors = [palette.secondary, *palette.categories[:2]]
    fig, ax = plt.subplots(figsize=(7.6, 3.6))
    x = np.arange(len(METRICS))
    width = 0.26
    for i, ((name, values), color) in enumerate(zip(data.items(), colors)):
        bars = ax.bar(x + (i - 1) * width, values, width, label=text[name], color=color)
        for bar, v in zip(bars, values):
            ax.text(bar.get_x() + bar.get_width() / 2, v + 0.012, f"{v:.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x)
    ax.set_xticklabels([text[metric] for metric in METRICS])
    ax.set_ylim(0, 1)
    ax.set_ylabel(text["rates_y"])
    ax.set_title(text["rates_title"], fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, ncol=3, loc="upper left")
    return fig


if __name__ == "__main__":
    main(__file__, {"bias-lifecycle": bias_lifecycle, "per-group-error-rates": per_group_error_rates}, data)
