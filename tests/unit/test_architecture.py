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


def feature_packages() -> dict[Path, object]:
    """Each package under core/features/ that registers a feature, with its record."""
    import importlib

    from fieldnotes.core.features import FEATURES

    packages = {}
    for init in sorted((PACKAGE / "core" / "features").glob("*/__init__.py")):
        module = importlib.import_module(f"fieldnotes.core.features.{init.parent.name}")
        if getattr(module, "FEATURE", None) in FEATURES:
            packages[init.parent] = module.FEATURE
    assert len(packages) == len(FEATURES)
    return packages


def feature_words(feature) -> set[str]:
    """What names a feature in code: its fences as written, its feed markers and the names of its files."""
    words = {f"```{fence.name}" for fence in feature.fences} | {f'"{fence.name}"' for fence in feature.fences}
    words |= {f'{attribute}="{value}"' for attribute, value in feature.feed}
    return words | {Path(asset.target).name for asset in feature.assets}


def test_no_module_outside_a_feature_names_it():
    """The glue loops over the registry: a feature's syntax, marker and files appear only in its own package
    (and, for files two features share, in theirs)."""
    packages = feature_packages()
    code = sorted(path for path in PACKAGE.rglob("*") if path.suffix in (".py", ".js", ".css", ".mjs") and path.is_file())
    named = []
    for home, feature in packages.items():
        sharing = {other for other, record in packages.items() if feature_words(record) & feature_words(feature)}
        for path in code:
            if any(path.is_relative_to(folder) for folder in sharing):
                continue
            text = path.read_text(encoding="utf-8")
            named += [
                f"{path.relative_to(PACKAGE)} names {word} of {home.name}" for word in feature_words(feature) if word in text
            ]
    assert named == []
