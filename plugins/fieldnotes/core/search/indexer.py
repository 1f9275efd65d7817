"""Run the indexing script on a built site: one Pagefind bundle per language, in pagefind/<lang>/.

Pagefind's Node service indexes one page at a time, so each language gets its own Node process
and the languages are indexed side by side.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from pathlib import Path

from .normalize import JAPANESE, LONG_VOWEL_ENDING, LONG_VOWEL_MARK, SEGMENT_MARK, SEGMENTER_LOCALE, WIDTH_VARIANTS
from .plan import EXCLUDED_SELECTORS, IndexedPage, plan_index

BUNDLE_DIR = "pagefind"
PAGEFIND_MODULE = Path("node_modules") / "pagefind" / "lib" / "index.js"
SCRIPT = "index_site.mjs"
# The bundle files the reader's side loads; Pagefind's own interfaces are left out.
BUNDLE_FILES = (
    r"^pagefind\.js$",
    r"^pagefind-worker\.js$",
    r"^pagefind-entry\.json$",
    r"^pagefind\.[^/]+\.pf_meta$",
    r"^wasm\.[^/]+\.pagefind$",
    r"^(index|filter|fragment)/[^/]+$",
)
TIMEOUT_SECONDS = 600


def script_path(lang: str) -> str:
    """Where a page of language `lang` loads Pagefind from, relative to the site root."""
    return f"{BUNDLE_DIR}/{lang.lower()}/pagefind.js"


class SearchIndexError(Exception):
    """The index could not be written; the message says why and what to do."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int  # index entries written, a post shown in another language counted in each
    files: int  # files in the bundles


def write_search_index(site_dir: Path, project_root: Path, index_languages: dict[str, str] | None = None) -> IndexSummary:
    """Index the site built in `site_dir` into `site_dir/pagefind/<lang>/` with the project's Pagefind.

    `index_languages` maps a language to the tag Pagefind indexes its pages under (by default its own):
    a private tag keeps Pagefind's own segmenter away from a language whose text ours cuts."""
    node = shutil.which("node")
    if node is None:
        raise SearchIndexError("Node.js is not installed: the search index is written by Pagefind's Node module")
    module = project_root / PAGEFIND_MODULE
    if not module.is_file():
        raise SearchIndexError(f"{module} is missing: install the pinned Pagefind with `npm ci` in {project_root}")
    shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
    with resources.as_file(resources.files(__package__) / SCRIPT) as script, tempfile.TemporaryDirectory() as work:
        runs = {}
        try:
            for lang, pages in groupby(plan_index(site_dir), key=lambda page: page.lang):
                plan = _plan(module, site_dir, lang, (index_languages or {}).get(lang) or lang, list(pages))
                runs[lang] = _start(node, script, plan, Path(work) / lang, project_root)
        finally:
            results = {lang: _finish(lang, process, Path(work) / lang) for lang, process in runs.items()}
    failures = [result for result in results.values() if isinstance(result, str)]
    if failures:
        raise SearchIndexError("\n".join(failures))
    return IndexSummary(sum(result["pages"] for result in results.values()), sum(result["files"] for result in results.values()))


def _plan(module: Path, site_dir: Path, lang: str, index_language: str, pages: list[IndexedPage]) -> dict:
    return {
        "pagefind": str(module),
        "site": str(site_dir),
        "output": str(site_dir / BUNDLE_DIR / lang),
        "language": index_language,
        "pages": [{"file": page.file, "url": page.url, "content": page.content} for page in pages],
        "exclude": list(EXCLUDED_SELECTORS),
        "widthVariants": WIDTH_VARIANTS,
        "longVowelEnding": LONG_VOWEL_ENDING,
        "longVowelMark": LONG_VOWEL_MARK,
        "japanese": JAPANESE,
        "segmentMark": SEGMENT_MARK,
        "segmenterLocale": SEGMENTER_LOCALE,
        "keep": list(BUNDLE_FILES),
    }


def _start(node: str, script: Path, plan: dict, work: Path, cwd: Path) -> subprocess.Popen:
    """Run the script on `plan`, its input and output in files under `work`, which it may fill freely."""
    work.mkdir()
    (work / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    with (work / "plan.json").open("rb") as stdin, (work / "out").open("wb") as out, (work / "err").open("wb") as err:
        return subprocess.Popen([node, str(script)], stdin=stdin, stdout=out, stderr=err, cwd=cwd)


def _finish(lang: str, process: subprocess.Popen, work: Path) -> dict | str:
    """The run's summary, or what went wrong with it."""
    try:
        process.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return f"Pagefind did not finish the '{lang}' index in {TIMEOUT_SECONDS} s"
    if process.returncode != 0:
        detail = (work / "err").read_text(encoding="utf-8", errors="replace").strip() or f"exit status {process.returncode}"
        return f"Pagefind could not index the '{lang}' pages: {detail}"
    return json.loads((work / "out").read_text(encoding="utf-8").strip().splitlines()[-1])
