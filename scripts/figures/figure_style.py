"""What every figure script shares: matplotlib without a display, and SVG output that is
byte-identical from one run to the next, written to posts/assets/<slug>/."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

plt.rcParams["svg.hashsalt"] = "fieldnotes"
plt.rcParams["svg.fonttype"] = "none"
plt.rcParams["font.size"] = 10


def output_dir(slug: str) -> Path:
    folder = Path(__file__).resolve().parents[2] / "posts" / "assets" / slug
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(fig, path: Path, **options) -> None:
    fig.savefig(path, format="svg", metadata={"Date": None}, **options)
