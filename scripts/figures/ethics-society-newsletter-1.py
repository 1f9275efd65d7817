"""Figure for the article on Hugging Face's Ethics & Society newsletter #1.

Draws a matrix that maps the values named in the newsletter to the practices it lists.
Filled dots: the newsletter ties the practice to the value explicitly.
Open circles: our reading, where the newsletter lists the practice without naming a value.

Run from the repository root:  python scripts/figures/ethics-society-newsletter-1.py
"""

from pathlib import Path

from figure_style import output_dir, plt, save
from matplotlib.lines import Line2D

ROOT = Path(__file__).resolve().parents[2]
OUT = output_dir("ethics-society-newsletter-1")

VALUES = ["Collaboration", "Transparency", "Responsibility", "Auditability &\nunderstanding"]

# (practice, {value index: "stated" | "reading"})
PRACTICES = [
    ("Documentation tools (model cards)", {0: "stated", 3: "stated"}),
    ("Evaluation tooling", {0: "stated", 3: "reading"}),
    ("Community discussion and feedback", {0: "stated", 1: "reading"}),
    ("Sharing project values at the start", {1: "stated"}),
    ("Writing on AI policy", {1: "stated"}),
    ("Education project", {2: "stated", 3: "stated"}),
    ("No-code data analysis tools", {2: "stated", 3: "stated"}),
    ("Code of Conduct, content guidelines", {0: "reading", 2: "reading"}),
    ("Flagging models and Spaces", {1: "reading", 2: "reading"}),
    ("Carbon emission tracking", {1: "reading", 2: "reading"}),
    ("Open & responsible AI licences", {2: "reading"}),
    ("Private Hub for secure development", {2: "reading"}),
]

COLOURS = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd"]


def main():
    n_rows, n_cols = len(PRACTICES), len(VALUES)
    fig, ax = plt.subplots(figsize=(8.6, 5.8))

    for r in range(n_rows):
        if r % 2 == 0:
            ax.axhspan(r - 0.5, r + 0.5, color="#f2f2f2", zorder=0)
    for r, (_, links) in enumerate(PRACTICES):
        for c, kind in links.items():
            if kind == "stated":
                ax.scatter(c, r, s=170, color=COLOURS[c], zorder=3)
            else:
                ax.scatter(c, r, s=170, facecolors="white", edgecolors=COLOURS[c], linewidths=2, zorder=3)

    ax.set_xticks(range(n_cols))
    ax.set_xticklabels(VALUES)
    ax.xaxis.tick_top()
    for label, colour in zip(ax.get_xticklabels(), COLOURS):
        label.set_color(colour)
        label.set_fontweight("bold")
    ax.set_yticks(range(n_rows))
    ax.set_yticklabels([p for p, _ in PRACTICES])
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)

    legend = [
        Line2D([0], [0], marker="o", linestyle="", markersize=10, color="#555555", label="tied to the value in the newsletter"),
        Line2D(
            [0],
            [0],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor="white",
            markeredgecolor="#555555",
            markeredgewidth=2,
            label="our reading (no value named)",
        ),
    ]
    ax.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.35, -0.02), ncol=2, frameon=False, fontsize=9)
    fig.suptitle("Ethics & Society newsletter #1 (Sept 2022): values and practices", y=0.995, fontsize=11)
    fig.tight_layout()
    path = OUT / "values-to-practices.svg"
    save(fig, path)
    plt.close(fig)
    print(path.name, path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
