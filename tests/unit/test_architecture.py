"""The shape ARCHITECTURE.md describes, held against the code: a core free of the generator, and
language as data."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "fieldnotes"
GENERATOR = ("mkdocs", "material", "mkdocs_static_i18n")
# Codes of the site's languages: interface text, tables and branches name them only in locales/*.yml.
LANGUAGE_CODES = {"en", "ja", "zh"}


def python_files(*parts: str) -> list[Path]:
    return sorted(path for part in parts for path in (PACKAGE / part).rglob("*.py"))


def imported_modules(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module)
    return modules


@pytest.mark.parametrize("path", python_files("core", "authoring", "linkcheck"), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_core_and_the_commands_import_nothing_of_the_generator(path):
    found = [module for module in imported_modules(path) if module.split(".")[0] in GENERATOR]
    assert found == [], f"{path.relative_to(PACKAGE)} imports {found}"


def test_no_code_names_a_language():
    named = []
    for path in python_files("core", "mkdocs", "authoring", "linkcheck"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in LANGUAGE_CODES:
                named.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert named == []
