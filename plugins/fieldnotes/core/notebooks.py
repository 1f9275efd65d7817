"""Check that a `colab:` path names a valid nbformat 4 notebook of the repository."""

from __future__ import annotations

import functools
import json
from pathlib import Path, PurePosixPath

from .problems import Problem


def check_notebook(root: Path, path: str, file: str, line: int | None) -> list[Problem]:
    """The problem of the notebook a post's `colab:` names (at `file`:`line`), if any."""
    problem = notebook_problem(root, path)
    return [Problem(file, line, f"'colab': {problem}", key="colab")] if problem else []


def notebook_problem(root: Path, path: str) -> str | None:
    """What is wrong with the notebook at `path` (relative to `root`), or None if Colab can open it."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or relative.suffix != ".ipynb":
        return (
            f"expected the path of a .ipynb file relative to the folder of mkdocs.yml, e.g. notebooks/<name>.ipynb, not {path!r}"
        )
    file = root / relative
    if not file.is_file():
        return f"{path} does not exist (the path is relative to the folder of mkdocs.yml)"
    stat = file.stat()
    problem = _read_problem(str(file), stat.st_mtime_ns, stat.st_size)
    return f"{path} {problem}" if problem else None


CELL_TYPES = ("code", "markdown", "raw")


@functools.cache
def _read_problem(file: str, mtime_ns: int, size: int) -> str | None:
    """Cached per file version: every language build of every post asks again."""
    try:
        notebook = json.loads(Path(file).read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "is not a notebook: it is not JSON"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if not isinstance(notebook, dict):
        return "is not a notebook: expected a JSON object with cells, metadata and nbformat"
    version = notebook.get("nbformat")
    if version != 4:
        return f"is not an nbformat 4 notebook (its nbformat is {version!r}); save it with Jupyter 4 or later"
    problem = _structure_problem(notebook)
    return f"is not a valid nbformat 4 notebook: {problem}" if problem else None


def _structure_problem(notebook: dict) -> str | None:
    """What Jupyter and Colab need of an nbformat 4 file (the test suite also runs every notebook)."""
    for key, kind in (("cells", list), ("metadata", dict), ("nbformat_minor", int)):
        if not isinstance(notebook.get(key), kind):
            return f"'{key}' must be a {kind.__name__}"
    for number, cell in enumerate(notebook["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in CELL_TYPES:
            return f"cell {number} has no cell_type among {', '.join(CELL_TYPES)}"
        source = cell.get("source")
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(line, str) for line in source))):
            return f"cell {number}: 'source' must be a text or a list of lines"
        if not isinstance(cell.get("metadata"), dict):
            return f"cell {number}: 'metadata' must be a mapping"
        if cell["cell_type"] == "code" and not isinstance(cell.get("outputs"), list):
            return f"cell {number}: a code cell needs 'outputs', a list"
    return None
