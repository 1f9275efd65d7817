"""One search index per language.

static-i18n merges every language into the root index, so a reader on /ja/ gets English
results too. We keep each language build's own index and give each language its own file,
with locations relative to that language's home (the page's search base points there).
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_PATH = Path("search") / "search_index.json"

# The search plugin keeps the tokenizer settings of the first build for every language, so a
# Japanese index would be split on spaces only. These mirror Material's own Japanese settings:
# lunr.ja segments the text (TinySegmenter) and the separator adds Japanese punctuation.
TOKENIZER_SETTINGS = {
    "ja": {"lang": ["ja"], "separator": "[\\s\\-\u3000\u3001\u3002\uff0c\uff0e]+", "pipeline": ["stemmer"]},
}


def read_language_index(site_dir: Path, lang: str, prefix: str) -> dict | None:
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
                docs.append({**doc, "location": location[len(prefix) :]})
        index["docs"] = docs
    index.setdefault("config", {}).update(TOKENIZER_SETTINGS.get(lang, {}))
    return index


def write_language_index(site_dir: Path, prefix: str, index: dict) -> None:
    path = site_dir / prefix / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
