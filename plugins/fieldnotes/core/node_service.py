"""A long-lived Node process that answers JSON lines: the mathematics renderer and the citation processor.

The script greets with {"ready": "<what it runs>"} or {"fatal": "<why>"}, then answers each request
line with one line carrying the request's "id". One thread writes the requests and another reads the
answers as they come, so requests are handed over early without waiting (`submit`) and their answers
collected when needed (`answers`): Node works on the second core while the build goes on, and a large
batch cannot fill both pipes and deadlock. `ask` does both at once, and starts a process that died
once more before a batch gives up.
"""

from __future__ import annotations

import json
import queue
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
        self._answered = threading.Condition()  # guards _answers and _stopped, which the reader thread fills
        self._answers: dict[int, dict] = {}
        self._stopped: str | None = None  # why the process stopped, once it has
        self._reader: threading.Thread | None = None
        self._writer: threading.Thread | None = None
        self._outbox: queue.SimpleQueue[str | None] = queue.SimpleQueue()  # lines for the writer; None ends it

    def ask(self, requests: list[dict]) -> list[dict]:
        """The answers to `requests`, in order (each request gets an "id")."""
        try:
            return self.answers(self.submit(requests))
        except (OSError, EOFError, ValueError):
            self.close()
            try:
                return self.answers(self.submit(requests))  # once more with a fresh process
            except (OSError, EOFError, ValueError) as error:
                self.close()
                raise ServiceUnavailable(f"the {self.package} process stopped: {error}") from None

    def submit(self, requests: list[dict]) -> list[int]:
        """Hand `requests` to the process without waiting for it; their ids, for `answers`."""
        self._start()
        ids = list(range(self._next_id, self._next_id + len(requests)))
        self._next_id += len(requests)
        self._outbox.put("".join(json.dumps({**r, "id": i}, ensure_ascii=False) + "\n" for i, r in zip(ids, requests)))
        return ids

    def answers(self, ids: list[int]) -> list[dict]:
        """The answers to submitted requests, waited for; EOFError if the process stopped before giving them."""
        with self._answered:
            while not all(id_ in self._answers for id_ in ids):
                if self._stopped is not None:
                    raise EOFError(self._stopped)
                self._answered.wait()
            return [self._answers.pop(id_) for id_ in ids]

    def close(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if self._writer is not None:
            self._outbox.put(None)
            self._writer.join(timeout=5)
            if self._writer.is_alive():  # a process that reads nothing more: its pipe stays full
                process.kill()
                self._writer.join()
        self._writer, self._outbox = None, queue.SimpleQueue()
        try:
            process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join()
            self._reader = None
        process.stdout.close()
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        with self._answered:
            self._answers, self._stopped = {}, None

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
        line = self.process.stdout.readline()
        greeting = json.loads(line) if line.strip() else {}
        if "ready" not in greeting:
            reason = greeting.get("fatal") or self._stderr_tail()
            self.close()
            raise ServiceUnavailable(f"{self.package} cannot be loaded ({reason}): run `npm ci` in {self.project_root}.")
        self.version = greeting["ready"]
        self._reader = threading.Thread(target=self._read, args=(self.process,), daemon=True)
        self._writer = threading.Thread(target=self._write, args=(self.process, self._outbox), daemon=True)
        self._reader.start()
        self._writer.start()
        return self.process

    @staticmethod
    def _write(process: subprocess.Popen, outbox: queue.SimpleQueue) -> None:
        """The writer thread: each batch of request lines in turn, until told to stop or the pipe breaks."""
        while (lines := outbox.get()) is not None:
            try:
                process.stdin.write(lines)
                process.stdin.flush()
            except (OSError, ValueError):
                return  # the process stopped: the reader reports it to whoever waits

    def _read(self, process: subprocess.Popen) -> None:
        """The reader thread: every answer by its id, until the process stops."""
        try:
            for line in process.stdout:
                message = json.loads(line)
                with self._answered:
                    if isinstance(message.get("id"), int):
                        self._answers[message["id"]] = message
                    self._answered.notify_all()
        except (OSError, ValueError):
            process.kill()  # a broken pipe or a line that is not JSON: nothing more it says can be trusted
        process.wait()
        with self._answered:
            self._stopped = f"the {self.package} process stopped (exit code {process.returncode}): {self._stderr_tail()}"
            self._answered.notify_all()

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return " ".join(self._stderr.read().split()[-60:]) or "no message"
