"""A long-lived Node process that answers JSON lines: the mathematics renderer and the citation processor.

The script greets with {"ready": "<what it runs>"} or {"fatal": "<why>"}, then answers each request
line with one line carrying the request's "id". Requests are written from a thread while answers
are read, so a large batch cannot fill both pipes and deadlock. A process that died is started
again once before a batch gives up.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path


class ServiceUnavailable(Exception):
    """Node or the npm package is missing, or the process cannot run: a set-up problem, not the author's."""


class NodeService:
    def __init__(
        self, script: Path, project_root: Path, package: str, arguments: tuple[str, ...] = (), node: str = "node"
    ) -> None:
        self.script = script
        self.project_root = Path(project_root)
        self.package = package  # the npm package the script needs, for messages
        self.arguments = arguments
        self.node = node
        self.version: str | None = None  # what the greeting said
        self.process: subprocess.Popen | None = None
        self._stderr = None
        self._next_id = 0

    def ask(self, requests: list[dict]) -> list[dict]:
        """The answers to `requests`, in order (each request gets an "id")."""
        try:
            return self._exchange(requests)
        except (OSError, EOFError, ValueError):
            self.close()
            try:
                return self._exchange(requests)  # once more with a fresh process
            except (OSError, EOFError, ValueError) as error:
                self.close()
                raise ServiceUnavailable(f"the {self.package} process stopped: {error}") from None

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

    def _start(self) -> subprocess.Popen:
        if self.process is not None and self.process.poll() is None:
            return self.process
        self.close()
        node = shutil.which(self.node)
        if node is None:
            raise ServiceUnavailable(
                f"Node.js ('{self.node}') is not on PATH: the build runs {self.package} with it. "
                f"Install Node 20, then run `npm ci` in {self.project_root}."
            )
        if not (self.project_root / "node_modules" / self.package / "package.json").is_file():
            raise ServiceUnavailable(
                f"{self.package} is missing from {self.project_root / 'node_modules'}: run `npm ci` in "
                f"{self.project_root} to install the version pinned in package-lock.json."
            )
        # Node's own messages, read back when it stops; open as long as the process runs, closed by close().
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [node, str(self.script), str(self.project_root), *self.arguments],
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
            raise ServiceUnavailable(f"{self.package} cannot be loaded ({reason}): run `npm ci` in {self.project_root}.")
        self.version = greeting["ready"]
        return self.process

    def _exchange(self, requests: list[dict]) -> list[dict]:
        process = self._start()
        ids = list(range(self._next_id, self._next_id + len(requests)))
        self._next_id += len(requests)
        lines = "".join(json.dumps({**request, "id": id_}, ensure_ascii=False) + "\n" for id_, request in zip(ids, requests))
        failure: list[BaseException] = []
        writer = threading.Thread(target=self._write, args=(process, lines, failure), daemon=True)
        writer.start()
        answers: dict[int, dict] = {}
        while len(answers) < len(ids):
            message = self._read_line()
            if message.get("id") in ids and message["id"] not in answers:
                answers[message["id"]] = message
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
            raise EOFError(f"the {self.package} process stopped (exit code {self.process.returncode}): {self._stderr_tail()}")
        return json.loads(line)

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return " ".join(self._stderr.read().split()[-60:]) or "no message"
