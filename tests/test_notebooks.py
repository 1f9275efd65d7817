"""Every notebook a post links through `colab:` runs top to bottom on the CPU.

NOTEBOOK_TEST=1 lets a notebook shrink its sizes; it runs the same code. Nothing is downloaded.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from fieldnotes.core.collection import CollectionReader

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = CollectionReader(ROOT, {"en": "posts", "ja": "ja"}, "authors.yml", "tags.yml").read()
LINKED = sorted({post.meta.colab for posts in COLLECTION.posts.values() for post in posts.values() if post.meta.colab})


def test_at_least_six_articles_link_a_notebook():
    assert len(LINKED) >= 6, LINKED


@pytest.mark.parametrize("notebook", LINKED)
def test_notebook_runs(notebook, monkeypatch):
    monkeypatch.setenv("NOTEBOOK_TEST", "1")
    path = ROOT / notebook
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert not any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), "commit notebooks without outputs"
    start = time.monotonic()
    # Raises CellExecutionError, with the failing cell and its traceback, on the first error.
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    print(f"{notebook}: {time.monotonic() - start:.1f}s")
