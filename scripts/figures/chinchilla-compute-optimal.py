"""Figures for the article "chinchilla-compute-optimal".

Writes two SVGs to posts/assets/chinchilla-compute-optimal/:
  isoflop.svg   predicted loss against model size at fixed training budgets, from the
                parametric fit L(N, D) = E + A/N^alpha + B/D^beta, with the optimum marked
  frontier.svg  compute-optimal parameters and tokens against budget: closed form of the
                parametric fit versus the Approach 1 projections of the paper's Table 3

Run from the repository root:  python scripts/figures/chinchilla-compute-optimal.py
"""

import numpy as np
from figure_style import output_dir, plt, save

OUT = output_dir("chinchilla-compute-optimal")

# Approach 3 fit of Hoffmann et al. (2022), Appendix D.2, as printed (rounded)
E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28
GOPHER_BUDGET = 5.76e23

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


def style(ax):
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def figure_isoflop():
    budgets = [1e19, 1e20, 1e21, 1e22, 1e23, GOPHER_BUDGET, 1e25]
    cmap = plt.get_cmap("viridis")
    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    for i, c in enumerate(budgets):
        n_opt, _ = compute_optimal(c)
        n = np.logspace(np.log10(n_opt) - 1.3, np.log10(n_opt) + 1.3, 200)
        color = "#c0392b" if c == GOPHER_BUDGET else cmap(i / (len(budgets) - 1) * 0.85)
        label = "Gopher budget 5.76e23" if c == GOPHER_BUDGET else f"C = {c:.0e}".replace("e+", "e")
        ax.plot(n, loss(n, c / (6 * n)), color=color, linewidth=1.6 if c == GOPHER_BUDGET else 1.1, label=label)
        ax.plot(n_opt, loss(n_opt, c / (6 * n_opt)), "o", color=color, markersize=4.5)
    for name, n, d, marker in [("Chinchilla 70B / 1.4T", 70e9, 1.4e12, "*"), ("Gopher 280B / 300B", 280e9, 300e9, "s")]:
        ax.plot(n, loss(n, d), marker, color="black", markersize=8 if marker == "*" else 5.5, linestyle="none", label=name)
    ax.set_xscale("log")
    ax.set_xlabel("parameters N (tokens set by D = C / 6N)")
    ax.set_ylabel("predicted loss L(N, D)")
    ax.set_ylim(1.8, 3.3)
    ax.set_title("IsoFLOP curves of the fitted loss; dots mark each optimum", fontsize=11)
    ax.legend(frameon=False, fontsize=8, ncol=1, loc="lower left")
    style(ax)
    fig.tight_layout()
    save(fig, OUT / "isoflop.svg")
    plt.close(fig)


def figure_frontier():
    c = np.logspace(19, 26.5, 100)
    n_opt, d_opt = compute_optimal(c)
    t3 = np.array(TABLE3)
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.5))
    ax = axes[0]
    ax.plot(c, n_opt, color="#1b6ca8", label="parametric fit (closed form)")
    ax.plot(t3[:, 1], t3[:, 0], "o", color="#d9822b", markersize=4.5, label="Table 3 (Approach 1)")
    ax.plot(GOPHER_BUDGET, 70e9, "*", color="black", markersize=9, label="Chinchilla")
    ax.plot(GOPHER_BUDGET, 280e9, "s", color="black", markersize=5, label="Gopher")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("training FLOPs C")
    ax.set_ylabel("compute-optimal parameters N")
    ax.legend(frameon=False, fontsize=8)
    style(ax)

    ax = axes[1]
    ax.plot(c, d_opt / n_opt, color="#1b6ca8", label="parametric fit (closed form)")
    ax.plot(t3[:, 1], t3[:, 2] / t3[:, 0], "o", color="#d9822b", markersize=4.5, label="Table 3 (Approach 1)")
    ax.plot(GOPHER_BUDGET, 1.4e12 / 70e9, "*", color="black", markersize=9, label="Chinchilla")
    ax.plot(GOPHER_BUDGET, 300e9 / 280e9, "s", color="black", markersize=5, label="Gopher")
    ax.axhline(20, color="grey", linewidth=0.8, linestyle="--")
    ax.text(1.5e19, 21.5, "20 tokens per parameter", fontsize=8, color="grey")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("training FLOPs C")
    ax.set_ylabel("tokens per parameter D / N")
    style(ax)
    fig.suptitle("Two readings of the same paper: the ratio is flat in Table 3, rising in the fit", fontsize=10.5)
    fig.tight_layout()
    save(fig, OUT / "frontier.svg")
    plt.close(fig)


def main():
    figure_isoflop()
    figure_frontier()
    for p in sorted(OUT.glob("*.svg")):
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
