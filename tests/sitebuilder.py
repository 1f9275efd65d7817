"""Build small copies of the site in a temporary folder, as an author would, and read the output."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
# The command that runs the engine: MkDocs in the test suite's own venv (tests/test_second_engine.py passes ProperDocs).
MKDOCS = (sys.executable, "-m", "mkdocs")
PROJECT_FILES = ["mkdocs.yml", "overrides", "docs", "locales", "authors.yml", "tags.yml", "package.json"]


@dataclass
class BuildResult:
    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> BeautifulSoup:
        path = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def json(self, url_path: str) -> dict:
        return json.loads((self.site / url_path).read_text(encoding="utf-8"))


def make_project(
    root: Path, posts: dict[str, str], *, blog_options: dict | None = None, extra_files: dict[str, str | bytes] | None = None
) -> Path:
    """Copy the real project configuration into `root` and write `posts` ({"posts/x.md": text})."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    # 3Dmol.js comes from the project's npm install; fixture projects share it.
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "posts").mkdir(exist_ok=True)
    (root / "ja").mkdir(exist_ok=True)
    for relative, content in {**posts, **(extra_files or {})}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if blog_options:
        config_path = root / "mkdocs.yml"
        text = config_path.read_text(encoding="utf-8")
        options = "".join(f"\n      {key}: {json.dumps(value)}" for key, value in blog_options.items())
        text = text.replace("  - fieldnotes/blog:", "  - fieldnotes/blog:" + options, 1)
        config_path.write_text(text, encoding="utf-8")
    return root


def build(root: Path, *args: str, env: dict | None = None, engine: Sequence[str] = MKDOCS) -> BuildResult:
    process = subprocess.run(
        [*engine, "build", "--strict", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    return BuildResult(root, process.returncode, process.stdout + process.stderr)


def post(title: str, date: str, body: str, **meta) -> str:
    """A post file with front matter; list values and extra keys go through YAML."""
    front = {"title": title, "date": dt.date.fromisoformat(date), "authors": ["hana"], "tags": ["llm"], **meta}
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n\n{body}\n"
