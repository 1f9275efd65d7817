"""Figure for the article on Hugging Face's Ethics & Society newsletter #1.

  values-to-practices  a matrix that maps the values named in the newsletter to the practices it lists.
                       Filled dots: the newsletter ties the practice to the value explicitly.
                       Open circles: our reading, where the newsletter lists the practice without naming a value.

Run from the repository root:  python scripts/figures/ethics-society-newsletter-1.py [--out DIR]
"""

from figure_style import main, plt
from matplotlib.lines import Line2D

VALUES = ["collaboration", "transparency", "responsibility", "auditability"]

# (practice, {value: "stated" | "reading"})
PRACTICES = [
    ("documentation", {"collaboration": "stated", "auditability": "stated"}),
    ("evaluation", {"collaboration": "stated", "auditability": "reading"}),
    ("discussion", {"collaboration": "stated", "transparency": "reading"}),
    ("project_values", {"transparency": "stated"}),
    ("policy", {"transparency": "stated"}),
    ("education", {"responsibility": "stated", "auditability": "stated"}),
    ("no_code", {"responsibility": "stated", "auditability": "stated"}),
    ("conduct", {"collaboration": "reading", "responsibility": "reading"}),
    ("flagging", {"transparency": "reading", "responsibility": "reading"}),
    ("carbon", {"transparency": "reading", "responsibility": "reading"}),
    ("licences", {"responsibility": "reading"}),
    ("private_hub", {"responsibility": "reading"}),
]


def values_to_practices(data, text, palette):
    fig, ax = plt.subplots(figsize=(8.6, 5.8))
    for row in range(0, len(PRACTICES), 2):
        ax.axhspan(row - 0.5, row + 0.5, color=palette.grid, zorder=0)
    for row, (_, links) in enumerate(PRACTICES):
        for value, kind in links.items():
            column = VALUES.index(value)
            color = palette.categories[column]
            face = color if kind == "stated" else palette.background
            ax.scatter(column, row, s=170, facecolors=face, edgecolors=color, linewidths=2, zorder=3)

    ax.set_xticks(range(len(VALUES)))
    ax.set_xticklabels([text["values"][value] for value in VALUES], fontweight="bold")
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(PRACTICES)))
    ax.set_yticklabels([text["practices"][practice] for practice, _ in PRACTICES])
    ax.set_xlim(-0.5, len(VALUES) - 0.5)
    ax.set_ylim(len(PRACTICES) - 0.5, -0.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)

    marker = {"marker": "o", "linestyle": "", "markersize": 10, "markeredgecolor": palette.secondary, "markeredgewidth": 2}
    legend = [
        Line2D([0], [0], markerfacecolor=palette.secondary, label=text["stated"], **marker),
        Line2D([0], [0], markerfacecolor=palette.background, label=text["reading"], **marker),
    ]
    ax.legend(handles=legend, loc="upper center", bbox_to_anchor=(0.35, -0.02), ncol=2, frameon=False, fontsize=9)
    fig.suptitle(text["title"], y=0.995, fontsize=11)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    main(__file__, {"values-to-practices": values_to_practices})
