"""The Python side of render.mjs: one Node process typesets every formula of a build.

A page's formulas go to the process as one batch of JSON lines. Results are cached by (TeX,
display), so the second language and the rebuilds of `mkdocs serve` reuse them; a process
that died is started again once before a batch gives up.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("render.mjs")
PACKAGE = "temml"  # pinned in package-lock.json


class RendererUnavailable(Exception):
    """Node or the renderer package is missing, or the process cannot be run: a set-up problem, not bad TeX."""


@dataclass(frozen=True)
class Rendered:
    html: str | None = None  # MathML with its TeX annotation
    error: str | None = None  # the renderer's own words

    @property
    def ok(self) -> bool:
        return self.error is None


class MathRenderer:
    def __init__(self, project_root: Path, node: str = "node") -> None:
        self.project_root = Path(project_root)
        self.node = node
        self.cache: dict[tuple[str, bool], Rendered] = {}
        self.version: str | None = None  # "temml 0.13.5" once the process has started
        self.process: subprocess.Popen | None = None
        self._stderr = None
        self._next_id = 0

    @property
    def package_dir(self) -> Path:
        return self.project_root / "node_modules" / PACKAGE

    def render(self, formulas: Sequence[tuple[str, bool]]) -> list[Rendered]:
        """The MathML (or the renderer's error) of each (TeX, display) pair, in order."""
        missing = list(dict.fromkeys(key for key in formulas if key not in self.cache))
        if missing:
            try:
                results = self._exchange(missing)
            except (OSError, EOFError, ValueError):
                self.close()
                try:
                    results = self._exchange(missing)  # once more with a fresh process
                except (OSError, EOFError, ValueError) as error:
                    self.close()
                    raise RendererUnavailable(f"the {PACKAGE} process stopped while typesetting: {error}") from None
            self.cache.update(zip(missing, results))
        return [self.cache[key] for key in formulas]

    def close(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        try:
            process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    # -- the process --------------------------------------------------------------------------

    def _start(self) -> subprocess.Popen:
        if self.process is not None and self.process.poll() is None:
            return self.process
        self.close()
        node = shutil.which(self.node)
        if node is None:
            raise RendererUnavailable(
                f"Node.js ('{self.node}') is not on PATH: the mathematics is typeset at build time with {PACKAGE}. "
                f"Install Node 20, then run `npm ci` in {self.project_root}."
            )
        if not (self.package_dir / "package.json").is_file():
            raise RendererUnavailable(
                f"{PACKAGE} is missing from {self.project_root / 'node_modules'}: run `npm ci` in {self.project_root} "
                f"to install the version pinned in package-lock.json."
            )
        # Node's own messages, read back when it stops; open as long as the process runs, closed by close().
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [node, str(SCRIPT), str(self.project_root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
        )
        greeting = self._read_line()
        if "ready" not in greeting:
            reason = greeting.get("fatal") or self._stderr_tail()
            self.close()
            raise RendererUnavailable(f"{PACKAGE} cannot be loaded ({reason}): run `npm ci` in {self.project_root}.")
        self.version = greeting["ready"]
        return self.process

    def _exchange(self, formulas: list[tuple[str, bool]]) -> list[Rendered]:
        process = self._start()
        ids = list(range(self._next_id, self._next_id + len(formulas)))
        self._next_id += len(formulas)
        lines = "".join(
            json.dumps({"id": id_, "tex": tex, "display": display}, ensure_ascii=False) + "\n"
            for id_, (tex, display) in zip(ids, formulas)
        )
        # Write from a thread: Node answers while we still send, and a full pipe on each side would deadlock.
        failure: list[BaseException] = []
        writer = threading.Thread(target=self._write, args=(process, lines, failure), daemon=True)
        writer.start()
        answers: dict[int, Rendered] = {}
        while len(answers) < len(ids):
            message = self._read_line()
            if message.get("id") in answers or message.get("id") not in ids:
                continue
            answers[message["id"]] = Rendered(html=message.get("html"), error=message.get("error"))
        writer.join()
        if failure:
            raise BrokenPipeError(str(failure[0]))
        return [answers[id_] for id_ in ids]

    @staticmethod
    def _write(process: subprocess.Popen, lines: str, failure: list[BaseException]) -> None:
        try:
            process.stdin.write(lines)
            process.stdin.flush()
        except OSError as error:
            failure.append(error)

    def _read_line(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            raise EOFError(f"the {PACKAGE} process stopped (exit code {self.process.returncode}): {self._stderr_tail()}")
        return json.loads(line)

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return " ".join(self._stderr.read().split()[-60:]) or "no message"
