"""Point MkDocs' link warnings at the real source file and line.

Posts are mounted as `posts/<slug>.md` in every language, so MkDocs would blame
`posts/x.md` for a broken link in `ja/x.md`, and it never gives a line.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

DOC_FILE_RE = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains (?:a link|an absolute link|an unrecognized relative link) '(?P<target>[^']*)'"
)


class LinkMessageFilter(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, Path] = {}  # src_uri -> real file, for the build in progress
        self.root: Path | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        match = DOC_FILE_RE.match(message)
        if not match or match["src"] not in self.sources:
            return True
        path = self.sources[match["src"]]
        shown = path.relative_to(self.root).as_posix() if self.root else str(path)
        line = _line_of(path, match["target"])
        where = f"{shown}:{line}" if line else shown
        record.msg = f"{where}: " + message.replace(f"Doc file '{match['src']}'", f"Doc file '{shown}'", 1)
        record.args = ()
        return True


def _line_of(path: Path, target: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if f"]({target}" in line or f"]({target.split('#')[0]}" in line and target.split("#")[0]:
            return number
    return None
