"""Write one Pagefind bundle per language, in pagefind/<lang>/, while the site is being built.

Each language gets its own Node process running the indexing script, started with the first
page of that language and fed each page as the build writes it (JSON lines on its stdin, written
by a thread so the build never waits on the pipe): the indexing runs beside the build, on
another core, and only the bundle is written once the last page is in. Pages the build did not
hand over (static HTML files, pages a `--dirty` rebuild skipped) are read from the site folder.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from .normalize import JAPANESE, LONG_VOWEL_ENDING, LONG_VOWEL_MARK, SEGMENT_MARK, SEGMENTER_LOCALE, WIDTH_VARIANTS
from .plan import EXCLUDED_SELECTORS, IndexedPage, IndexPlanner

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


class SearchIndex:
    """The search index of one build: `add_page` for each page written, then `finish` (or `abort`)."""

    def __init__(self, project_root: Path, languages: list[str], index_languages: dict[str, str] | None = None) -> None:
        """`index_languages` maps a language to the tag Pagefind indexes its pages under (by default its own):
        a private tag keeps Pagefind's own segmenter away from a language whose text ours cuts."""
        node = shutil.which("node")
        if node is None:
            raise SearchIndexError("Node.js is not installed: the search index is written by Pagefind's Node module")
        module = project_root / PAGEFIND_MODULE
        if not module.is_file():
            raise SearchIndexError(f"{PAGEFIND_MODULE.as_posix()} is missing: run `npm ci` to install the pinned Pagefind")
        self.node, self.module, self.root = node, module, project_root
        self.index_languages = {lang.lower(): tag for lang, tag in (index_languages or {}).items()}
        self.planner = IndexPlanner(languages)
        self.handed: set[str] = set()
        self.work = tempfile.TemporaryDirectory()
        self.runs: dict[str, _Run] = {}

    def add_page(self, file: str, html: str) -> None:
        """A page as the build writes it, at `file` under the site root ("/"-separated)."""
        self.handed.add(file)
        entry = self.planner.add(file, html)
        if entry is not None:
            self._send(entry)

    def finish(self, site_dir: Path) -> IndexSummary:
        """Index the pages of `site_dir` not handed over, then write each language's bundle there."""
        try:
            for file in _html_files(site_dir):
                if file not in self.handed:
                    entry = self.planner.add(file, (site_dir / file).read_text(encoding="utf-8"))
                    if entry is not None:
                        self._send(entry)
            for entry in self.planner.foreign_entries():
                self._send(entry)
            shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
            for lang, run in self.runs.items():  # every language writes its bundle at once, side by side
                run.close(site_dir / BUNDLE_DIR / lang)
            results = {lang: run.result() for lang, run in self.runs.items()}
        finally:
            self.abort()
        failures = [result for result in results.values() if isinstance(result, str)]
        if failures:
            raise SearchIndexError("\n".join(failures))
        return IndexSummary(
            sum(result["pages"] for result in results.values()), sum(result["files"] for result in results.values())
        )

    def abort(self) -> None:
        """Stop every indexing process and remove their working files."""
        for run in self.runs.values():
            run.stop()
        self.runs = {}
        self.work.cleanup()

    def _send(self, entry: IndexedPage) -> None:
        if entry.lang not in self.runs:
            work = Path(self.work.name) / entry.lang
            self.runs[entry.lang] = _Run(
                self.node, self.root, work, _settings(self.module, self.index_languages.get(entry.lang) or entry.lang)
            )
        self.runs[entry.lang].send({"url": entry.url, "file": entry.file, "content": entry.content})


def _settings(module: Path, index_language: str) -> dict:
    return {
        "pagefind": str(module),
        "language": index_language,
        "exclude": list(EXCLUDED_SELECTORS),
        "widthVariants": WIDTH_VARIANTS,
        "longVowelEnding": LONG_VOWEL_ENDING,
        "longVowelMark": LONG_VOWEL_MARK,
        "japanese": JAPANESE,
        "segmentMark": SEGMENT_MARK,
        "segmenterLocale": SEGMENTER_LOCALE,
        "keep": list(BUNDLE_FILES),
    }


class _Run:
    """One language's indexing process; its output and errors go to files under `work`."""

    def __init__(self, node: str, cwd: Path, work: Path, settings: dict) -> None:
        work.mkdir()
        self.work = work
        with (work / "out").open("wb") as out, (work / "err").open("wb") as err:
            self.process = subprocess.Popen(
                [node, str(Path(__file__).with_name(SCRIPT))], stdin=subprocess.PIPE, stdout=out, stderr=err, cwd=cwd
            )
        self.lines: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.writer.start()
        self.send(settings)

    def send(self, message: dict) -> None:
        self.lines.put(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")

    def _write(self) -> None:
        stdin = self.process.stdin
        try:
            while (line := self.lines.get()) is not None:
                stdin.write(line)
            stdin.close()
        except (BrokenPipeError, ValueError):
            pass  # the process ended early; finish() reports what it printed

    def close(self, output: Path) -> None:
        """No more pages: write the bundle to `output`."""
        self.send({"output": str(output)})
        self.lines.put(None)

    def result(self) -> dict | str:
        """The run's summary once it has ended, or what went wrong with it."""
        try:
            self.process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.stop()
            return f"Pagefind did not finish the '{self.work.name}' index in {TIMEOUT_SECONDS} s"
        self.writer.join()
        if self.process.returncode != 0:
            detail = (self.work / "err").read_text(encoding="utf-8", errors="replace").strip()
            return f"Pagefind could not index the '{self.work.name}' pages: {detail or f'exit status {self.process.returncode}'}"
        return json.loads((self.work / "out").read_text(encoding="utf-8").strip().splitlines()[-1])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.lines.put(None)
        self.writer.join()


def _html_files(site_dir: Path) -> list[str]:
    files = []
    for directory, subdirs, names in os.walk(site_dir):
        subdirs.sort()
        relative = Path(directory).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        files.extend(prefix + name for name in sorted(names) if name.endswith(".html"))
    return files
