"""Figure for the article "RLHF for a 20B model on one 24 GB GPU" (slug rlhf-20b-24gb-gpu).

Writes posts/assets/rlhf-20b-24gb-gpu/memory-budget.svg: static memory (weights, gradients,
AdamW states, PPO reference copy) for a 20B-parameter model under several set-ups, against a
24 GB budget. Activations, buffers and the CUDA context are not included.
Run from the repository root: python scripts/figures/rlhf-20b-24gb-gpu.py
"""

from figure_style import output_dir, plt, save

OUT = output_dir("rlhf-20b-24gb-gpu")

N = 20e9  # round "20B"
LORA = 44 * 16 * (6144 + 3 * 6144)  # r=16 LoRA on the 44 fused qkv projections of gpt-neox-20b
GB = 1e9


def budget(n_base, base_bytes, n_train, train_bytes, ref_bytes=0):
    """Memory parts in GB: frozen base, reference copy, trainable weights, fp32 grads, AdamW."""
    return {
        "frozen base weights": n_base * base_bytes / GB,
        "PPO reference copy": N * ref_bytes / GB,
        "trainable weights": n_train * train_bytes / GB,
        "gradients (fp32)": n_train * 4 / GB,
        "AdamW states (fp32)": n_train * 8 / GB,
    }


big = {
    "full FT\nfp32": budget(0, 0, N, 4),
    "full FT\nmixed prec.": budget(0, 0, N, 6),
    "full FT mixed\n+ fp16 ref": budget(0, 0, N, 6, ref_bytes=2),
}
small = {
    "fp16 weights\nno training": budget(N, 2, 0, 0),
    "int8 + LoRA\n+ int8 ref": budget(N, 1, LORA, 4, ref_bytes=1),
    "int8 + LoRA\nadapters off = ref": budget(N, 1, LORA, 4),
}
colors = {
    "frozen base weights": "#7f9cc0",
    "PPO reference copy": "#c9b3d9",
    "trainable weights": "#e39a4d",
    "gradients (fp32)": "#e6c36a",
    "AdamW states (fp32)": "#c4574a",
}

fig, axes = plt.subplots(1, 2, figsize=(9.6, 4.0), gridspec_kw={"width_ratios": [1, 1]})
for ax, group, ymax in [(axes[0], big, 430), (axes[1], small, 48)]:
    names = list(group)
    bottoms = [0.0] * len(names)
    for part, color in colors.items():
        vals = [group[n][part] for n in names]
        ax.bar(names, vals, bottom=bottoms, color=color, width=0.6, label=part if ax is axes[0] else None)
        bottoms = [b + v for b, v in zip(bottoms, vals)]
    for i, total in enumerate(bottoms):
        ax.text(
            i,
            total + ymax * 0.015,
            f"{total:.0f} GB" if total >= 100 else f"{total:.1f} GB",
            ha="center",
            va="bottom",
            fontsize=9,
        )
    ax.axhline(24, color="#222222", linestyle="--", linewidth=1.2)
    ax.text(
        0.5, 24, "24 GB GPU", ha="center", va="center", fontsize=8, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5}
    )
    ax.set_ylim(0, ymax)
    ax.set_ylabel("GB, static memory only (no activations)" if ax is axes[0] else "GB")
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelsize=8.5)
axes[0].set_title("Full fine-tuning of a 20B model", fontsize=10)
axes[1].set_title("Zoom: frozen or 8-bit base + LoRA", fontsize=10)
fig.legend(loc="lower center", ncol=5, frameon=False, fontsize=8.5, bbox_to_anchor=(0.5, -0.04))
fig.tight_layout(rect=(0, 0.06, 1, 1))
save(fig, OUT / "memory-budget.svg", bbox_inches="tight")
plt.close(fig)
for p in sorted(OUT.glob("*.svg")):
    print(p.name, p.stat().st_size, "bytes")
