"""One search index per language.

static-i18n merges every language into the root index, so a reader on /ja/ gets English
results too. We keep each language build's own index and give each language its own file,
with locations relative to that language's home (the page's search base points there).
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_PATH = Path("search") / "search_index.json"


def read_language_index(site_dir: Path, prefix: str) -> dict | None:
    """The index the search plugin just wrote for the language being built, rebased to its home."""
    path = site_dir / INDEX_PATH
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    if prefix:
        docs = []
        for doc in index.get("docs", []):
            location = doc.get("location", "")
            if location.startswith(prefix):
                docs.append({**doc, "location": location[len(prefix):]})
        index["docs"] = docs
    return index


def write_language_index(site_dir: Path, prefix: str, index: dict) -> None:
    path = site_dir / prefix / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
