"""3D structure viewers: the ```3dmol block, drawn by 3Dmol.js when it comes near the viewport."""

from __future__ import annotations

from pathlib import Path

from ...content_policy import Allowlist
from ..feature import Asset, Feature, Fence
from ..fence_inventory import fence_inventory
from .feed import ViewerFallback
from .fence import check_viewer, render_viewer

ASSETS = Path(__file__).with_name("assets")
LIBRARY = Path("node_modules/3dmol/build/3Dmol-min.js")  # pinned in package-lock.json
TRANSLATABLE = frozenset({"caption"})

FEATURE = Feature(
    name="3D viewers",
    markup=Allowlist.of(
        figure="data-fn-embed data-pdb data-src data-format data-style data-color data-highlight data-highlight-style"
        " data-spin data-text-loading data-text-failed data-text-keys",
        div="style",
    ),
    fences=(
        Fence(
            "3dmol",
            "fn-mol",
            check=lambda source, context: check_viewer(source, context.url),
            render=lambda options, context: render_viewer(options, context.text),
            translatable=TRANSLATABLE,
        ),
    ),
    used=lambda page_html: 'data-fn-embed="3dmol"' in page_html,
    assets=(
        Asset("assets/viewer/viewer.css", ASSETS / "viewer.css", link="stylesheet"),
        Asset("assets/viewer/viewer.js", ASSETS / "viewer.js", link="script"),
        Asset(
            "assets/viewer/3Dmol-min.js",
            LIBRARY,
            missing=f"shows a 3D viewer, but {LIBRARY} is missing: run `npm ci` to install the 3Dmol.js version pinned in package-lock.json.",
        ),
        Asset("assets/viewer/3Dmol-min.js.LICENSE.txt", LIBRARY.with_name(LIBRARY.name + ".LICENSE.txt")),
    ),
    feed={("data-fn-embed", "3dmol"): ViewerFallback},
    inventory=fence_inventory("3dmol", "3D viewers (```3dmol blocks, all but their caption)", TRANSLATABLE),
    # 3Dmol.js fetches a structure by PDB id from RCSB when a viewer is about to be shown, and computes
    # surfaces in blob: workers.
    csp={"connect-src": ("https://files.rcsb.org",), "worker-src": ("blob:",)},
    text_keys=("rcsb_link", "download_link", "viewer_needs", "viewer_loading", "viewer_failed", "viewer_keys", "embed_3dmol"),
)
