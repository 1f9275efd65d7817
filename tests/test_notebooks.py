"""Every notebook a post links through `colab:` runs top to bottom on the CPU and checks its article's numbers.

Each notebook ends with a check cell: plain asserts on the numbers its article quotes, each naming the
sentence or table the number belongs to. The suite runs every notebook at full size, except the ones in
QUICK_IN_CI, which run with NOTEBOOK_TEST=1; their shortened run asserts its own reference figures.
`make notebooks-full` sets NOTEBOOKS_FULL=1 and runs all of them at full size. Nothing is downloaded.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from fieldnotes.core.collection import CollectionReader

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = CollectionReader(ROOT, {"en": "posts", "ja": "ja"}, "authors.yml", "tags.yml").read()
LINKED = sorted({post.meta.colab for posts in COLLECTION.posts.values() for post in posts.values() if post.meta.colab})

# Full size takes longer than the few minutes a notebook may add to the suite (see CONTRIBUTING).
QUICK_IN_CI = {"notebooks/physics-informed-deeponet.ipynb"}
FULL_SIZE = os.environ.get("NOTEBOOKS_FULL") == "1"
CHECK_TITLE = "## Check: the numbers the article quotes"
# Each notebook runs on its own, on whichever worker is free; at full size it trains for many minutes:
# an hour each instead of the suite's five minutes.
pytestmark = [pytest.mark.spread, *([pytest.mark.timeout(3600)] if FULL_SIZE else [])]
# One thread for every math library: the notebooks' digits depend on the order of floating-point sums.
THREADS = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def read(notebook: str) -> nbformat.NotebookNode:
    nb = nbformat.read(ROOT / notebook, as_version=4)
    nbformat.validate(nb)
    return nb


def test_at_least_six_articles_link_a_notebook():
    assert len(LINKED) >= 6, LINKED


def test_quick_notebooks_exist_and_have_a_shortened_run():
    for notebook in QUICK_IN_CI:
        assert notebook in LINKED, f"{notebook} is in QUICK_IN_CI but no post links it"
        sources = "".join(cell.source for cell in read(notebook).cells)
        assert 'os.environ.get("NOTEBOOK_TEST") == "1"' in sources, f"{notebook} runs quick in CI but never reads NOTEBOOK_TEST"


@pytest.mark.parametrize("notebook", LINKED)
def test_notebook_ends_with_a_check_of_the_article_numbers(notebook):
    nb = read(notebook)
    assert not any(cell.get("outputs") or cell.get("execution_count") for cell in nb.cells if cell.cell_type == "code"), (
        "commit notebooks without outputs and execution counts"
    )
    title, check = nb.cells[-2:]
    assert title.cell_type == "markdown" and title.source.startswith(CHECK_TITLE), (
        f"{notebook}: the last markdown cell must start with '{CHECK_TITLE}'"
    )
    assert check.cell_type == "code" and "assert " in check.source, f"{notebook}: the last cell must assert the article's numbers"


@pytest.mark.parametrize("notebook", LINKED)
def test_notebook_runs_and_reproduces_its_article(notebook, monkeypatch):
    for name, value in THREADS.items():
        monkeypatch.setenv(name, value)
    quick = notebook in QUICK_IN_CI and not FULL_SIZE
    if quick:
        monkeypatch.setenv("NOTEBOOK_TEST", "1")
    else:
        monkeypatch.delenv("NOTEBOOK_TEST", raising=False)
    path = ROOT / notebook
    nb = read(notebook)
    size = "NOTEBOOK_TEST=1" if quick else "full size"
    start = time.monotonic()
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
        failure = None
    except CellExecutionError as error:
        # A failed check names its article sentence, which says it all; any other error shows the cell and traceback.
        failure = f"{notebook} ({size}): " + (
            f"{error.ename}: {error.evalue}" if error.ename == "AssertionError" else f"\n{error}"
        )
    if failure:
        pytest.fail(failure, pytrace=False)
    print(f"{notebook} ({size}): {time.monotonic() - start:.1f}s")
