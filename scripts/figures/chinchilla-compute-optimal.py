"""Figures for the article "chinchilla-compute-optimal".

  isoflop   predicted loss against model size at fixed training budgets, from the parametric fit
            L(N, D) = E + A/N^alpha + B/D^beta, with the optimum marked
  frontier  compute-optimal parameters and tokens against budget: closed form of the parametric fit
            versus the Approach 1 projections of the paper's Table 3

Run from the repository root:  python scripts/figures/chinchilla-compute-optimal.py [--out DIR]
"""

import numpy as np
from figure_style import main, plt

# Approach 3 fit of Hoffmann et al. (2022), Appendix D.2, as printed (rounded)
E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28
GOPHER_BUDGET = 5.76e23
BUDGETS = [1e19, 1e20, 1e21, 1e22, 1e23, GOPHER_BUDGET, 1e25]
# (parameters, tokens) of the two models trained on the Gopher budget
CHINCHILLA, GOPHER = (70e9, 1.4e12), (280e9, 300e9)

# Table 3 of the paper (Approach 1 projections): parameters, FLOPs, tokens
TABLE3 = [
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
]


def loss(n, d):
    return E + A / n**ALPHA + B / d**BETA


def compute_optimal(c):
    g = (ALPHA * A / (BETA * B)) ** (1 / (ALPHA + BETA))
    n = g * (c / 6) ** (BETA / (ALPHA + BETA))
    d = (c / 6) ** (ALPHA / (ALPHA + BETA)) / g
    return n, d


def data():
    c = np.logspace(19, 26.5, 100)
    n_opt, d_opt = compute_optimal(c)
    return {"budgets": c, "n_opt": n_opt, "d_opt": d_opt, "table3": np.array(TABLE3)}


def isoflop(data, text, palette):
    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    ramp = iter(palette.ramp(len(BUDGETS) - 1))
    for c in BUDGETS:
        gopher = c == GOPHER_BUDGET
        color = palette.categories[3] if gopher else next(ramp)
        label = text["gopher_budget"] if gopher else text["budget"].format(budget=f"{c:.0e}".replace("e+", "e"))
        n_opt, _ = compute_optimal(c)
        n = np.logspace(np.log10(n_opt) - 1.3, np.log10(n_opt) + 1.3, 200)
        ax.plot(n, loss(n, c / (6 * n)), color=color, linewidth=1.8 if gopher else 1.2, label=label)
        ax.plot(n_opt, loss(n_opt, c / (6 * n_opt)), "o", color=color, markersize=4.5)
    for key, (n, d), marker, size in [("chinchilla", CHINCHILLA, "*", 9), ("gopher", GOPHER, "s", 5.5)]:
        ax.plot(n, loss(n, d), marker, color=palette.text, markersize=size, linestyle="none", label=text[key])
    ax.set_xscale("log")
    ax.set_xlabel(text["isoflop_x"])
    ax.set_ylabel(text["isoflop_y"])
    ax.set_ylim(1.8, 3.3)
    ax.set_title(text["isoflop_title"], fontsize=11)
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def frontier(data, text, palette):
    c, n_opt, t3 = data["budgets"], data["n_opt"], data["table3"]
    fit, table = palette.categories[:2]
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.6))
    for ax, fitted, from_table, chinchilla, gopher, ylabel in [
        (axes[0], n_opt, t3[:, 0], CHINCHILLA[0], GOPHER[0], text["frontier_parameters"]),
        (
            axes[1],
            data["d_opt"] / n_opt,
            t3[:, 2] / t3[:, 0],
            CHINCHILLA[1] / CHINCHILLA[0],
            GOPHER[1] / GOPHER[0],
            text["frontier_ratio"],
        ),
    ]:
        ax.plot(c, fitted, color=fit, label=text["fit"])
        ax.plot(t3[:, 1], from_table, "o", color=table, markersize=4.5, label=text["table3"])
        ax.plot(GOPHER_BUDGET, chinchilla, "*", color=palette.text, markersize=9, label="Chinchilla")
        ax.plot(GOPHER_BUDGET, gopher, "s", color=palette.text, markersize=5, label="Gopher")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(text["training_flops"])
        ax.set_ylabel(ylabel)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].legend(frameon=False, fontsize=8)
    axes[1].axhline(20, color=palette.secondary, linewidth=0.8, linestyle="--")
    axes[1].text(1.5e19, 18, text["twenty_tokens"], fontsize=8, va="top", color=palette.secondary)
    fig.suptitle(text["frontier_title"], fontsize=10.5)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    main(__file__, {"isoflop": isoflop, "frontier": frontier}, data)
