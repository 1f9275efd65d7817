"""`fieldnotes check-front-matter` and `fieldnotes parity` in-process, on a project whose post folders
are not the real site's: the folders come from mkdocs.yml, the original is the version without
`source_digest`, and YAML is read by the core's loader, with lines."""

from __future__ import annotations

import pytest

from fieldnotes.cli import main
from fieldnotes.core.collection import body_digest
from sitebuilder import post

CONFIG = "site_url: https://example.org/\nplugins:\n  - search\n  - fieldnotes/blog:\n      sources: {en: posts, fr: billets}\n"
ORIGINAL_BODY = "Intro.\n\n## Part { #part }\n\nText."
FRENCH_ORIGINAL_BODY = "Introduction.\n\n## Partie { #partie }\n\nTexte."


@pytest.fixture
def project(tmp_path):
    files = {
        "mkdocs.yml": CONFIG,
        "authors.yml": "hana:\n  name: Hana Mori\n",
        "tags.yml": "llm: {en: LLMs, fr: LLM}\n",
        "posts/alpha.md": post("Alpha", "2023-05-24", ORIGINAL_BODY),
        "billets/alpha.md": post(
            "Alpha (fr)", "2023-05-24", ORIGINAL_BODY.replace("Intro", "Intro fr"), source_digest=body_digest(ORIGINAL_BODY)
        ),
        # Written in French first: the English version is the translation, and its anchor drifted.
        "billets/gamma.md": post("Gamma", "2024-01-01", FRENCH_ORIGINAL_BODY),
        "posts/gamma.md": post(
            "Gamma (en)", "2024-01-01", "Intro.\n\n## Part { #part }\n\nText.", source_digest=body_digest(FRENCH_ORIGINAL_BODY)
        ),
        "docs/about.md": "# About\n\nNot a post.\n",
        "billets/assets/alpha/notes.md": "Notes next to the figures.\n",
    }
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def fieldnotes(project, capsys, *args: str) -> tuple[int, str]:
    code = main([*args, "--config", str(project / "mkdocs.yml")])
    return code, capsys.readouterr().out


def test_only_the_files_in_the_post_folders_of_mkdocs_yml_are_checked(project, capsys):
    files = [
        str(project / name) for name in ("docs/about.md", "billets/alpha.md", "posts/alpha.md", "billets/assets/alpha/notes.md")
    ]
    code, out = fieldnotes(project, capsys, "check-front-matter", "--only-posts", *files)
    assert (code, out.splitlines()[-1]) == (0, "front matter: 2 file(s) checked, 0 problem(s)")
    code, out = fieldnotes(project, capsys, "check-front-matter", *files)
    assert code == 1 and "docs/about.md:1: the file must start with YAML front matter" in out


def test_parity_passes_over_files_that_are_not_posts(project, capsys):
    code, out = fieldnotes(project, capsys, "parity", "--only-posts", str(project / "docs/about.md"))
    assert (code, out.strip()) == (0, "parity: 0 translation(s) checked, 0 problem(s)")


def test_parity_compares_against_the_version_without_source_digest_whatever_its_folder(project, capsys):
    line = (project / "posts/gamma.md").read_text(encoding="utf-8").splitlines().index("## Part { #part }") + 1
    code, out = fieldnotes(project, capsys, "parity", "--only-posts", str(project / "billets/gamma.md"))
    assert code == 1
    assert f"posts/gamma.md:{line}: section anchors differ from billets/gamma.md: expected ['partie'], found ['part']" in out


def test_parity_reports_a_translation_whose_front_matter_is_not_yaml_at_its_line(project, capsys):
    (project / "billets/alpha.md").write_text(
        "---\ntitle: Alpha\ndate: 2023-05-24\nauthors: [hana\n---\n\nTexte.\n", encoding="utf-8"
    )
    code, out = fieldnotes(project, capsys, "parity", str(project / "posts/alpha.md"))
    assert code == 1
    assert "billets/alpha.md:5: front matter is not valid YAML (" in out


def test_parity_without_files_checks_every_translated_post(project, capsys):
    code, out = fieldnotes(project, capsys, "parity")
    assert code == 1  # gamma's translation lacks the French anchor
    assert out.splitlines()[-1] == "parity: 2 translation(s) checked, 1 problem(s)"
