"""The object our plugins share lives as long as one site build: the configuration MkDocs loads for it."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from fieldnotes.mkdocs.shared import shared_build


def configuration(folder) -> MkDocsConfig:
    """What MkDocs loads for each `mkdocs build` and each `serve` rebuild (static-i18n reuses it per language)."""
    return MkDocsConfig(config_file_path=str(folder / "mkdocs.yml"))


def test_every_plugin_of_a_build_gets_the_same_object(tmp_path):
    config = configuration(tmp_path)
    shared = shared_build(config)
    assert shared_build(config) is shared
    assert shared.root == tmp_path.resolve()


def test_the_next_build_of_the_same_project_starts_afresh(tmp_path):
    first = shared_build(configuration(tmp_path))
    first.stack.append("en")
    second = shared_build(configuration(tmp_path))
    assert second is not first
    assert (second.stack, second.site, second.locales) == ([], None, None)


def test_projects_built_in_one_process_never_meet(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert shared_build(configuration(tmp_path / "a")).root != shared_build(configuration(tmp_path / "b")).root


def test_the_outermost_build_is_the_only_language_on_the_stack(tmp_path):
    shared = shared_build(configuration(tmp_path))
    shared.stack.append("en")
    assert shared.outermost and shared.lang == "en"
    shared.stack.append("ja")  # static-i18n's nested build of the next language
    assert not shared.outermost and shared.lang == "ja"
