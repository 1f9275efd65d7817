"""Figures for the article "bloom-inference-optimization".

Writes two SVGs to posts/assets/bloom-inference-optimization/:
  - memory-per-gpu.svg: weight memory per GPU for BLOOM-176B vs. number of GPUs
  - pp-vs-tp-timeline.svg: schematic timeline of one decoding step under naive
    pipeline parallelism and under tensor parallelism (not a measurement)

Run from the repository root:  python scripts/figures/bloom-inference-optimization.py
"""

from figure_style import output_dir, plt, save
from matplotlib.patches import Rectangle

OUT = output_dir("bloom-inference-optimization")

# Parameter count derived from the public BLOOM config (70 layers, hidden 14336,
# padded vocabulary 250880): 12*h^2 + 13*h per block, plus embeddings and layer norms.
H, LAYERS, VOCAB = 14336, 70, 250880
PARAMS = LAYERS * (12 * H * H + 13 * H) + VOCAB * H + 4 * H


def memory_per_gpu():
    gpus = [1, 2, 4, 8, 16, 32]
    dtypes = [("fp32 (4 bytes)", 4, "#4c72b0", "o"), ("bf16 (2 bytes)", 2, "#dd8452", "s"), ("int8 (1 byte)", 1, "#55a868", "^")]
    fig, ax = plt.subplots(figsize=(6.4, 3.9))
    for label, nbytes, color, marker in dtypes:
        per_gpu = [PARAMS * nbytes / 1e9 / n for n in gpus]
        ax.plot(gpus, per_gpu, marker=marker, color=color, label=label)
    for cap, style in [(80, "--"), (40, ":")]:
        ax.axhline(cap, color="0.35", linestyle=style, linewidth=1)
        ax.text(33, cap, f"A100 {cap} GB", va="center", ha="left", fontsize=9, color="0.25")
    ax.annotate(
        "bf16 on 8 GPUs:\n44 GB of weights each",
        xy=(8, PARAMS * 2 / 1e9 / 8),
        xytext=(1.3, 18),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "color": "0.3"},
    )
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xticks(gpus)
    ax.set_xticklabels([str(g) for g in gpus])
    ax.set_xlim(0.8, 60)
    ax.set_xlabel("number of GPUs the weights are split over")
    ax.set_ylabel("GB of weights per GPU")
    ax.set_title(f"BLOOM-176B ({PARAMS / 1e9:.1f}B parameters): weights only, no KV cache", fontsize=10)
    ax.legend(loc="upper right", fontsize=9, frameon=False)
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    save(fig, OUT / "memory-per-gpu.svg")
    plt.close(fig)


def pp_vs_tp_timeline():
    n = 4
    fig, axes = plt.subplots(2, 1, figsize=(6.4, 3.9), sharex=True)
    compute, comm = "#4c72b0", "#c44e52"

    # Naive pipeline parallelism: each GPU holds a quarter of the layers and
    # waits for the previous one; one token needs all four stages in sequence.
    ax = axes[0]
    for g in range(n):
        ax.add_patch(Rectangle((g * 1.0 + g * 0.05, g - 0.35), 1.0, 0.7, color=compute))
        if g < n - 1:
            ax.add_patch(Rectangle((g * 1.05 + 1.0, g - 0.35), 0.05, 0.7, color=comm))
    ax.set_title("Naive pipeline parallelism: one GPU busy at a time", fontsize=10, loc="left")

    # Tensor parallelism: every GPU holds a quarter of every layer; all work at
    # once and synchronise with an all-reduce after attention and after the MLP.
    ax = axes[1]
    chunks = 8  # 4 layers x (attention, MLP)
    work = 1.0 / chunks  # same total work as above, split four ways
    for g in range(n):
        t = 0.0
        for _ in range(chunks):
            ax.add_patch(Rectangle((t, g - 0.35), work, 0.7, color=compute))
            t += work
            ax.add_patch(Rectangle((t, g - 0.35), 0.06, 0.7, color=comm))
            t += 0.06
    ax.set_title("Tensor parallelism: all GPUs busy, all-reduce after each block", fontsize=10, loc="left")

    for ax in axes:
        ax.set_yticks(range(n))
        ax.set_yticklabels([f"GPU{g}" for g in range(n)])
        ax.set_ylim(n - 0.4, -0.6)
        ax.set_xlim(0, 4.3)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    axes[1].set_xticks([])
    axes[1].set_xlabel("time for one decoding step (schematic, not to scale)")
    handles = [Rectangle((0, 0), 1, 1, color=compute), Rectangle((0, 0), 1, 1, color=comm)]
    fig.legend(handles, ["compute", "communication"], loc="lower right", ncol=2, fontsize=9, frameon=False)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    save(fig, OUT / "pp-vs-tp-timeline.svg")
    plt.close(fig)


if __name__ == "__main__":
    memory_per_gpu()
    pp_vs_tp_timeline()
    print(f"parameters: {PARAMS:,}")
    for p in sorted(OUT.glob("*.svg")):
        print(p.name, p.stat().st_size, "bytes")
