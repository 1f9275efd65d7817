"""YAML with line numbers: every mapping key's line, in the numbering of the file it came from."""

from __future__ import annotations

import datetime as dt

from fieldnotes.core.problems import Problem
from fieldnotes.core.yamlfile import load_config_yaml, load_yaml

REGISTRY = """# authors
hana:
  name: {en: Hana Mori, ja: 森 華}
  bio:
    en: Writes.
leo:
  name: Leo Park
"""


def test_every_key_has_the_line_it_is_written_on():
    document, problems = load_yaml(REGISTRY, "authors.yml")
    assert problems == []
    assert document.data["hana"]["name"] == {"en": "Hana Mori", "ja": "森 華"}
    assert document.line_of("hana") == 2
    assert document.line_of("hana", "name", "ja") == 3
    assert document.line_of("hana", "bio", "en") == 5
    assert document.line_of("leo", "name") == 7
    assert document.line_of("leo", "bio") is None


def test_lines_count_from_where_the_text_starts_in_its_file():
    document, _ = load_yaml("title: T\ndate: 2023-05-24\n", "posts/x.md", first_line=2)
    assert document.key_lines == {("title",): 2, ("date",): 3}
    assert document.data["date"] == dt.date(2023, 5, 24)


def test_a_syntax_error_is_a_problem_at_the_line_the_parser_stopped():
    document, problems = load_yaml("a: 1\nb: [2\nc: 3\n", "x.yml", first_line=10, what="the registry")
    assert document is None
    assert len(problems) == 1
    assert problems[0].file == "x.yml" and problems[0].line == 12
    assert problems[0].message.startswith("the registry is not valid YAML (")


def test_a_date_that_does_not_exist_is_a_problem_not_a_crash():
    document, problems = load_yaml("date: 2023-02-30\n", "x.yml")
    assert document is None
    assert problems == [
        Problem("x.yml", 1, "the file is not valid YAML: a value is not a real date (day is out of range for month)")
    ]


def test_an_empty_document_has_no_data_and_no_problem():
    document, problems = load_yaml("# only a comment\n", "x.yml")
    assert (document.data, document.key_lines, problems) == (None, {}, [])


def test_mkdocs_yml_is_read_without_running_what_its_tags_name(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: https://example.org/\n"
        "extra:\n  token: !ENV [NOT_SET_ANYWHERE, fallback]\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: mermaid\n          format: !!python/name:os.system\n",
        encoding="utf-8",
    )
    data = load_config_yaml(config)
    assert data["site_url"] == "https://example.org/"
    assert data["extra"]["token"] is None
    assert data["markdown_extensions"][0]["pymdownx.superfences"]["custom_fences"][0]["format"] is None
