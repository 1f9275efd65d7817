"""Check that a `colab:` path names a valid nbformat 4 notebook of the repository."""

from __future__ import annotations

import functools
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


@functools.cache
def _read_problem(file: str, mtime_ns: int, size: int) -> str | None:
    """Cached per file version: every language build of every post asks again."""
    import nbformat  # imported here: it costs half a second, and most builds have few notebooks

    try:
        notebook = nbformat.read(file, as_version=nbformat.NO_CONVERT)
    except nbformat.reader.NotJSONError:
        return "is not a notebook: it is not JSON"
    except nbformat.ValidationError as error:
        return f"is not a valid notebook: {_first_line(error)}"
    # What nbformat raises for malformed JSON structures and unreadable files (UnicodeDecodeError is a ValueError).
    except (ValueError, TypeError, AttributeError, KeyError, OSError) as error:
        return f"is not a notebook: {_first_line(error)}"
    version = notebook.get("nbformat")
    if version != 4:
        return f"is not an nbformat 4 notebook (its nbformat is {version!r}); save it with Jupyter 4 or later"
    try:
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        return f"is not a valid nbformat 4 notebook: {_first_line(error)}"
    return None


def _first_line(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return message.strip().splitlines()[0]
