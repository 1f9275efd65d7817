"""Figures for the article "Visualizing proteins in a Hugging Face Space with 3Dmol.js".

Read from the shipped Trp-cage structure (PDB 1L2Y, model 1):

  ca-distance-map    the CA-CA distance matrix with the 8 A contact threshold
  trp-cage-contacts  for each residue, the closest heavy-atom distance to the side chain of Trp6,
                     which shows the "cage" of prolines around the indole ring

Run from the repository root:  python scripts/figures/visualizing-proteins-3dmol.py [--out DIR]
"""

import numpy as np
from figure_style import ROOT, main, plt

PDB_FILE = ROOT / "posts" / "assets" / "visualizing-proteins-3dmol" / "1l2y.pdb"
CONTACT = 8.0  # A, CA-CA
CLOSE = 4.5  # A, heavy atoms

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


def data():
    atoms = read_atoms(PDB_FILE)
    ca = [a for a in atoms if a["name"] == "CA"]
    xyz = np.stack([a["xyz"] for a in ca])
    # closest heavy-atom distance of every other residue to the Trp6 side chain
    trp_side = np.stack([a["xyz"] for a in atoms if a["resi"] == 6 and a["element"] != "H" and a["name"] not in BACKBONE])
    closest = []
    for a in ca:
        heavy = np.stack([b["xyz"] for b in atoms if b["resi"] == a["resi"] and b["element"] != "H"])
        closest.append(0.0 if a["resi"] == 6 else np.linalg.norm(heavy[:, None, :] - trp_side[None, :, :], axis=-1).min())
    return {
        "labels": [f"{THREE_TO_ONE[a['resn']]}{a['resi']}" for a in ca],
        "residues": [a["resn"] for a in ca],
        "distances": np.linalg.norm(xyz[:, None, :] - xyz[None, :, :], axis=-1),
        "closest": np.array(closest),
    }


def ca_distance_map(data, text, palette):
    dist, ticks = data["distances"], np.arange(len(data["labels"]))
    fig, ax = plt.subplots(figsize=(5.6, 4.8))
    # close pairs in the colormap's salient end, far ones fading into the background
    im = ax.imshow(dist, cmap=palette.colormap.reversed(), origin="upper", vmin=0, vmax=np.ceil(dist.max()))
    contour = ax.contour(dist, levels=[CONTACT], colors=palette.background, linewidths=1.2)
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    ax.set_xticklabels(data["labels"], rotation=90, fontsize=7)
    ax.set_yticklabels(data["labels"], fontsize=7)
    ax.set_title(text["map_title"])
    cbar = fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    cbar.add_lines(contour)
    cbar.set_label(text["map_colorbar"])
    fig.tight_layout()
    return fig


def trp_cage_contacts(data, text, palette):
    ticks = np.arange(len(data["labels"]))
    colors = [palette.categories[1] if residue == "PRO" else palette.secondary for residue in data["residues"]]
    fig, ax = plt.subplots(figsize=(7.0, 3.4))
    ax.bar(ticks, data["closest"], color=colors, edgecolor="none")
    ax.axhline(CLOSE, color=palette.text, linestyle="--", linewidth=0.8)
    ax.text(len(ticks) - 0.3, CLOSE, f"{CLOSE} Å", ha="left", va="center", fontsize=8)
    ax.text(5, 0.3, "Trp6", ha="center", va="bottom", fontsize=8, rotation=90)
    ax.set_xticks(ticks)
    ax.set_xticklabels(data["labels"], rotation=90, fontsize=8)
    ax.set_ylabel(text["contacts_y"])
    ax.set_title(text["contacts_title"])
    ax.set_xlim(-0.6, len(ticks) - 0.4)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    main(__file__, {"ca-distance-map": ca_distance_map, "trp-cage-contacts": trp_cage_contacts}, data)
