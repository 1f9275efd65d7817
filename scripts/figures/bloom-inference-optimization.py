"""Figures for the article "bloom-inference-optimization".

  memory-per-gpu     weight memory per GPU for BLOOM-176B vs. number of GPUs
  pp-vs-tp-timeline  schematic timeline of one decoding step under naive pipeline parallelism and
                     under tensor parallelism (not a measurement)

Run from the repository root:  python scripts/figures/bloom-inference-optimization.py [--out DIR]
"""

from figure_style import main, plt
from matplotlib.patches import Rectangle

# Parameter count derived from the public BLOOM config (70 layers, hidden 14336,
# padded vocabulary 250880): 12*h^2 + 13*h per block, plus embeddings and layer norms.
H, LAYERS, VOCAB = 14336, 70, 250880
PARAMS = LAYERS * (12 * H * H + 13 * H) + VOCAB * H + 4 * H
GPUS = [1, 2, 4, 8, 16, 32]
BYTES = {"fp32": 4, "bf16": 2, "int8": 1}
STAGES = 4


def data():
    return {dtype: [PARAMS * nbytes / 1e9 / n for n in GPUS] for dtype, nbytes in BYTES.items()}


def memory_per_gpu(data, text, palette):
    fig, ax = plt.subplots(figsize=(6.4, 3.9))
    for (dtype, per_gpu), color, marker in zip(data.items(), palette.categories, "os^"):
        ax.plot(GPUS, per_gpu, marker=marker, color=color, label=text[dtype])
    for cap, style in [(80, "--"), (40, ":")]:
        ax.axhline(cap, color=palette.secondary, linestyle=style, linewidth=1)
        ax.text(33, cap * 1.04, f"A100 {cap} GB", va="bottom", ha="left", fontsize=9, color=palette.secondary)
    ax.annotate(
        text["bf16_on_8"],
        xy=(8, data["bf16"][GPUS.index(8)]),
        xytext=(1.3, 18),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": palette.secondary},
    )
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(GPUS)
    ax.set_xticklabels([str(g) for g in GPUS])
    ax.set_xlim(0.8, 60)
    ax.set_xlabel(text["memory_x"])
    ax.set_ylabel(text["memory_y"])
    ax.set_title(text["memory_title"].format(billions=PARAMS / 1e9), fontsize=10)
    ax.legend(loc="upper right", fontsize=9, frameon=False)
    ax.grid(True, which="major")
    fig.tight_layout()
    return fig


def pp_vs_tp_timeline(data, text, palette):
    compute, comm = palette.categories[0], palette.categories[3]
    fig, axes = plt.subplots(2, 1, figsize=(6.4, 3.9), sharex=True)

    # Naive pipeline parallelism: each GPU holds a quarter of the layers and
    # waits for the previous one; one token needs all four stages in sequence.
    ax = axes[0]
    for g in range(STAGES):
        ax.add_patch(Rectangle((g * 1.0 + g * 0.05, g - 0.35), 1.0, 0.7, color=compute))
        if g < STAGES - 1:
            ax.add_patch(Rectangle((g * 1.05 + 1.0, g - 0.35), 0.05, 0.7, color=comm))
    ax.set_title(text["pipeline_title"], fontsize=10, loc="left")

    # Tensor parallelism: every GPU holds a quarter of every layer; all work at
    # once and synchronise with an all-reduce after attention and after the MLP.
    ax = axes[1]
    chunks = 8  # 4 layers x (attention, MLP)
    work = 1.0 / chunks  # same total work as above, split four ways
    for g in range(STAGES):
        t = 0.0
        for _ in range(chunks):
            ax.add_patch(Rectangle((t, g - 0.35), work, 0.7, color=compute))
            t += work
            ax.add_patch(Rectangle((t, g - 0.35), 0.06, 0.7, color=comm))
            t += 0.06
    ax.set_title(text["tensor_title"], fontsize=10, loc="left")

    for ax in axes:
        ax.set_yticks(range(STAGES))
        ax.set_yticklabels([f"GPU{g}" for g in range(STAGES)])
        ax.set_ylim(STAGES - 0.4, -0.6)
        ax.set_xlim(0, 4.3)
        ax.spines[["top", "right"]].set_visible(False)
    axes[1].set_xticks([])
    axes[1].set_xlabel(text["timeline_x"])
    handles = [Rectangle((0, 0), 1, 1, color=compute), Rectangle((0, 0), 1, 1, color=comm)]
    fig.legend(handles, [text["compute"], text["communication"]], loc="lower right", ncol=2, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


if __name__ == "__main__":
    main(__file__, {"memory-per-gpu": memory_per_gpu, "pp-vs-tp-timeline": pp_vs_tp_timeline}, data)
