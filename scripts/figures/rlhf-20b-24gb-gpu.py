"""Figure for the article "RLHF for a 20B model on one 24 GB GPU" (slug rlhf-20b-24gb-gpu).

  memory-budget  static memory (weights, gradients, AdamW states, PPO reference copy) for a
                 20B-parameter model under several set-ups, against a 24 GB budget. Activations,
                 buffers and the CUDA context are not included.

Run from the repository root:  python scripts/figures/rlhf-20b-24gb-gpu.py [--out DIR]
"""

from figure_style import main, plt

N = 20e9  # round "20B"
LORA = 44 * 16 * (6144 + 3 * 6144)  # r=16 LoRA on the 44 fused qkv projections of gpt-neox-20b
GB = 1e9
PARTS = ["base", "reference", "trainable", "gradients", "adamw"]


def budget(n_base, base_bytes, n_train, train_bytes, ref_bytes=0):
    """Memory parts in GB, in the order of PARTS: frozen base, reference copy, trainable weights, fp32 grads, AdamW."""
    return [n_base * base_bytes / GB, N * ref_bytes / GB, n_train * train_bytes / GB, n_train * 4 / GB, n_train * 8 / GB]


def data():
    """The two panels: set-ups that cannot fit, and those near the budget."""
    return {
        "full": {
            "full_fp32": budget(0, 0, N, 4),
            "full_mixed": budget(0, 0, N, 6),
            "full_mixed_ref": budget(0, 0, N, 6, ref_bytes=2),
        },
        "small": {
            "fp16_frozen": budget(N, 2, 0, 0),
            "int8_lora_ref": budget(N, 1, LORA, 4, ref_bytes=1),
            "int8_lora_shared": budget(N, 1, LORA, 4),
        },
    }


def memory_budget(data, text, palette):
    fig, axes = plt.subplots(1, 2, figsize=(9.6, 4.0))
    for ax, (panel, setups), ymax in zip(axes, data.items(), [430, 48]):
        names = [text[setup] for setup in setups]
        bottoms = [0.0] * len(setups)
        for i, (part, color) in enumerate(zip(PARTS, palette.categories)):
            values = [parts[i] for parts in setups.values()]
            # a background-coloured edge keeps neighbouring parts of a bar apart
            ax.bar(
                names,
                values,
                bottom=bottoms,
                color=color,
                edgecolor=palette.background,
                linewidth=0.6,
                width=0.6,
                label=text[part],
            )
            bottoms = [b + v for b, v in zip(bottoms, values)]
        for i, total in enumerate(bottoms):
            label = f"{total:.0f} GB" if total >= 100 else f"{total:.1f} GB"
            ax.text(i, total + ymax * 0.015, label, ha="center", va="bottom", fontsize=9)
        ax.axhline(24, color=palette.text, linestyle="--", linewidth=1.2)
        ax.text(
            0.5,
            24,
            text["gpu"],
            ha="center",
            va="center",
            fontsize=8,
            bbox={"facecolor": palette.background, "edgecolor": "none", "pad": 1.5},
        )
        ax.set_ylim(0, ymax)
        ax.set_title(text[f"{panel}_title"], fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=8.5)
    axes[0].set_ylabel(text["memory_y"])
    axes[1].set_ylabel("GB")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=5, frameon=False, fontsize=8.5, bbox_to_anchor=(0.5, -0.04))
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


if __name__ == "__main__":
    main(__file__, {"memory-budget": memory_budget}, data)
