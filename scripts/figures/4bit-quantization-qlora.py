"""Figures for the article "4bit-quantization-qlora".

Writes two SVGs to posts/assets/4bit-quantization-qlora/:
  levels.svg  the 16 code values of NF4, FP4 (E2M1) and INT4 over the distribution
              of absmax-normalised Gaussian weights (blocks of 64)
  error.svg   relative quantization error of the three formats for several block sizes

Run from the repository root:  python scripts/figures/4bit-quantization-qlora.py
"""

import numpy as np
from figure_style import output_dir, plt, save
from scipy.stats import norm

OUT = output_dir("4bit-quantization-qlora")


def nf4_levels(p_max=0.9677083):
    """NF4: quantiles of N(0, 1), 8 positive and 7 negative, plus an exact zero, scaled to [-1, 1]."""
    p_pos = np.linspace(0.5, p_max, 9)[1:]
    p_neg = np.linspace(0.5, p_max, 8)[1:]
    q = np.concatenate([-norm.ppf(p_neg)[::-1], [0.0], norm.ppf(p_pos)])
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


FORMATS = [
    ("NF4", nf4_levels(), "#1b6ca8"),
    ("FP4 (E2M1)", fp4_levels(), "#d9822b"),
    ("INT4", int4_levels(), "#6a7f3a"),
]


def figure_levels(w):
    # Distribution of weights after absmax normalisation in blocks of 64
    blocks = w.reshape(-1, 64)
    x = (blocks / np.abs(blocks).max(axis=1, keepdims=True)).ravel()
    hist, edges = np.histogram(x, bins=120, range=(-1, 1), density=True)
    centers = (edges[1:] + edges[:-1]) / 2

    fig, axes = plt.subplots(3, 1, figsize=(7.0, 4.6), sharex=True)
    for ax, (name, levels, color) in zip(axes, FORMATS):
        ax.fill_between(centers, hist, color="#d0d4da", linewidth=0)
        ax.vlines(levels, 0, hist.max() * 1.05, color=color, linewidth=1.4)
        ax.plot(levels, np.full_like(levels, hist.max() * 1.05), "o", color=color, markersize=3.5)
        ax.set_yticks([])
        ax.set_ylim(0, hist.max() * 1.25)
        ax.text(
            -1.0, hist.max() * 1.12, f"{name}: {len(levels)} distinct values", ha="left", va="bottom", fontsize=9, color=color
        )
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
    axes[-1].set_xlabel("weight / absmax of its block (blocks of 64, Gaussian weights)")
    axes[-1].set_xlim(-1.05, 1.05)
    fig.suptitle("Where each 4-bit format puts its 16 codes", fontsize=11)
    fig.tight_layout()
    save(fig, OUT / "levels.svg")
    plt.close(fig)


def figure_error(w):
    block_sizes = [64, 256, 4096]
    fig, ax = plt.subplots(figsize=(7.0, 3.4))
    width = 0.26
    for i, (name, levels, color) in enumerate(FORMATS):
        vals = [100 * relative_mse(w, levels, b) for b in block_sizes]
        xs = np.arange(len(block_sizes)) + (i - 1) * width
        ax.bar(xs, vals, width, label=name, color=color)
        for x, v in zip(xs, vals):
            ax.text(x, v + 0.03, f"{v:.2f}", ha="center", va="bottom", fontsize=8)
    ax.set_xticks(np.arange(len(block_sizes)))
    ax.set_xticklabels([f"block size {b}" for b in block_sizes])
    ax.set_ylabel("relative MSE (%)")
    ax.set_title("Round-trip error on N(0, 0.02) weights (lower is better)", fontsize=11)
    ax.legend(frameon=False, ncol=3, loc="upper left")
    ax.set_ylim(0, 2.9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    save(fig, OUT / "error.svg")
    plt.close(fig)


def main():
    rng = np.random.default_rng(0)
    w = rng.normal(0.0, 0.02, size=2**20)
    figure_levels(w)
    figure_error(w)
    for p in sorted(OUT.glob("*.svg")):
        print(p.name, p.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
