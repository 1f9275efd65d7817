"""Figures for the article "4bit-quantization-qlora".

  levels  the 16 code values of NF4, FP4 (E2M1) and INT4 over the distribution of absmax-normalised
          Gaussian weights (blocks of 64)
  error   relative quantization error of the three formats for several block sizes

Run from the repository root:  python scripts/figures/4bit-quantization-qlora.py [--out DIR]
"""

import numpy as np
from figure_style import main, plt
from scipy.special import ndtri  # the quantile function of N(0, 1), without importing scipy.stats

BLOCK_SIZES = [64, 256, 4096]


def nf4_levels(p_max=0.9677083):
    """NF4: quantiles of N(0, 1), 8 positive and 7 negative, plus an exact zero, scaled to [-1, 1]."""
    p_pos = np.linspace(0.5, p_max, 9)[1:]
    p_neg = np.linspace(0.5, p_max, 8)[1:]
    q = np.concatenate([-ndtri(p_neg)[::-1], [0.0], ndtri(p_pos)])
    return q / q[-1]


def fp4_levels():
    """FP4 with 2 exponent bits and 1 mantissa bit (E2M1), subnormals included, scaled to [-1, 1]."""
    pos = [0.5 * m if e == 0 else 2.0 ** (e - 1) * (1 + 0.5 * m) for e in range(4) for m in range(2)]
    levels = np.unique(np.concatenate([-np.array(pos), pos]))
    return levels / levels.max()


def int4_levels():
    """Symmetric 4-bit integers -7..7, scaled to [-1, 1]."""
    return np.arange(-7, 8) / 7


def quantize(w, levels, block):
    blocks = w.reshape(-1, block)
    absmax = np.abs(blocks).max(axis=1, keepdims=True)
    mids = (levels[1:] + levels[:-1]) / 2
    codes = np.searchsorted(mids, blocks / absmax)
    return codes, absmax


def relative_mse(w, levels, block):
    codes, absmax = quantize(w, levels, block)
    w_hat = (levels[codes] * absmax).reshape(-1)
    return np.mean((w - w_hat) ** 2) / np.mean(w**2)


def data():
    w = np.random.default_rng(0).normal(0.0, 0.02, size=2**20)
    # distribution of the weights after absmax normalisation in blocks of 64
    blocks = w.reshape(-1, 64)
    density, edges = np.histogram(blocks / np.abs(blocks).max(axis=1, keepdims=True), bins=120, range=(-1, 1), density=True)
    levels = {"nf4": nf4_levels(), "fp4": fp4_levels(), "int4": int4_levels()}
    errors = {name: [100 * relative_mse(w, values, block) for block in BLOCK_SIZES] for name, values in levels.items()}
    return {"density": density, "edges": edges, "levels": levels, "errors": errors}


def levels(data, text, palette):
    density, top = data["density"], data["density"].max()
    fig, axes = plt.subplots(3, 1, figsize=(7.0, 4.6), sharex=True)
    for ax, (name, values), color in zip(axes, data["levels"].items(), palette.categories):
        ax.stairs(
            density, data["edges"], fill=True, facecolor=palette.tint(palette.secondary), edgecolor=palette.secondary, lw=0.6
        )
        ax.vlines(values, 0, top * 1.05, color=color, linewidth=1.4)
        ax.plot(values, np.full_like(values, top * 1.05), "o", color=color, markersize=3.5)
        ax.set_yticks([])
        ax.set_ylim(0, top * 1.25)
        ax.text(-1.0, top * 1.12, text["distinct"].format(format=text[name], n=len(values)), va="bottom", fontsize=9)
        ax.spines[["top", "right", "left"]].set_visible(False)
    axes[-1].set_xlabel(text["levels_x"])
    axes[-1].set_xlim(-1.05, 1.05)
    fig.suptitle(text["levels_title"], fontsize=11)
    fig.tight_layout()
    return fig


def error(data, text, palette):
    fig, ax = plt.subplots(figsize=(7.0, 3.4))
    width = 0.26
    for i, ((name, values), color) in enumerate(zip(data["errors"].items(), palette.categories)):
        xs = np.arange(len(BLOCK_SIZES)) + (i - 1) * width
        ax.bar(xs, values, width, label=text[name], color=color)
        for x, v in zip(xs, values):
            ax.text(x, v + 0.03, f"{v:.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(np.arange(len(BLOCK_SIZES)))
    ax.set_xticklabels([text["block_size"].format(size=size) for size in BLOCK_SIZES])
    ax.set_ylabel(text["error_y"])
    ax.set_title(text["error_title"], fontsize=11)
    ax.legend(frameon=False, ncol=3, loc="upper left")
    ax.set_ylim(0, 2.9)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    main(__file__, {"levels": levels, "error": error}, data)
