"""Figures for the article "Visualizing proteins in a Hugging Face Space with 3Dmol.js".

Reads the shipped Trp-cage structure (PDB 1L2Y, model 1) and writes two SVGs:

* ca-distance-map.svg: the CA-CA distance matrix with the 8 A contact threshold.
* trp-cage-contacts.svg: for each residue, the closest heavy-atom distance to the
  side chain of Trp6, which shows the "cage" of prolines around the indole ring.

Run from the repository root:  python scripts/figures/visualizing-proteins-3dmol.py
"""

from pathlib import Path

import numpy as np
from figure_style import plt, save

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "posts" / "assets" / "visualizing-proteins-3dmol"
PDB_FILE = ASSETS / "1l2y.pdb"

THREE_TO_ONE = {
    "ALA": "A",
    "ARG": "R",
    "ASN": "N",
    "ASP": "D",
    "CYS": "C",
    "GLN": "Q",
    "GLU": "E",
    "GLY": "G",
    "HIS": "H",
    "ILE": "I",
    "LEU": "L",
    "LYS": "K",
    "MET": "M",
    "PHE": "F",
    "PRO": "P",
    "SER": "S",
    "THR": "T",
    "TRP": "W",
    "TYR": "Y",
    "VAL": "V",
}
BACKBONE = {"N", "CA", "C", "O"}


def read_atoms(path):
    """Parse ATOM records of the first model into a list of dicts."""
    atoms = []
    for line in path.read_text().splitlines():
        if line.startswith("ENDMDL"):
            break
        if not line.startswith("ATOM"):
            continue
        atoms.append(
            {
                "name": line[12:16].strip(),
                "resn": line[17:20],
                "resi": int(line[22:26]),
                "xyz": np.array([float(line[30:38]), float(line[38:46]), float(line[46:54])]),
                "element": line[76:78].strip() or line[12:16].strip()[0],
            }
        )
    return atoms


def main():
    atoms = read_atoms(PDB_FILE)
    ca = [a for a in atoms if a["name"] == "CA"]
    resi = np.array([a["resi"] for a in ca])
    labels = [f"{THREE_TO_ONE[a['resn']]}{a['resi']}" for a in ca]
    xyz = np.stack([a["xyz"] for a in ca])
    dist = np.linalg.norm(xyz[:, None, :] - xyz[None, :, :], axis=-1)

    # Figure 1: CA-CA distance map.
    fig, ax = plt.subplots(figsize=(5.6, 4.8))
    im = ax.imshow(dist, cmap="viridis_r", origin="upper", vmin=0, vmax=np.ceil(dist.max()))
    ax.contour(dist, levels=[8.0], colors="white", linewidths=1.0)
    ticks = np.arange(len(labels))
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    ax.set_xticklabels(labels, rotation=90, fontsize=7)
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_title("Trp-cage (1L2Y, model 1): CA-CA distances")
    cbar = fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    cbar.set_label("distance (Å); white line = 8 Å")
    fig.tight_layout()
    save(fig, ASSETS / "ca-distance-map.svg")
    plt.close(fig)

    # Figure 2: closest heavy-atom distance of every other residue to the Trp6 side chain.
    trp_side = np.stack([a["xyz"] for a in atoms if a["resi"] == 6 and a["element"] != "H" and a["name"] not in BACKBONE])
    closest = []
    for r in resi:
        if r == 6:
            closest.append(np.nan)
            continue
        heavy = np.stack([a["xyz"] for a in atoms if a["resi"] == r and a["element"] != "H"])
        d = np.linalg.norm(heavy[:, None, :] - trp_side[None, :, :], axis=-1)
        closest.append(d.min())
    closest = np.array(closest)

    colours = []
    for a, d in zip(ca, closest):
        if a["resi"] == 6:
            colours.append("#d62728")
        elif a["resn"] == "PRO":
            colours.append("#ff7f0e")
        else:
            colours.append("#7f9fbf")
    heights = np.nan_to_num(closest, nan=0.0)

    fig, ax = plt.subplots(figsize=(7.0, 3.4))
    ax.bar(ticks, heights, color=colours, edgecolor="none")
    ax.axhline(4.5, color="black", linestyle="--", linewidth=0.8)
    ax.text(len(ticks) - 0.5, 4.6, "4.5 Å", ha="right", va="bottom", fontsize=8)
    ax.text(5, 0.3, "Trp6", ha="center", va="bottom", fontsize=8, rotation=90, color="#d62728")
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, rotation=90, fontsize=8)
    ax.set_ylabel("closest heavy-atom\ndistance to Trp6 side chain (Å)")
    ax.set_title("Who touches the tryptophan? Prolines in orange")
    ax.set_xlim(-0.6, len(ticks) - 0.4)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    save(fig, ASSETS / "trp-cage-contacts.svg")
    plt.close(fig)

    for name in ("ca-distance-map.svg", "trp-cage-contacts.svg"):
        print(name, (ASSETS / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
