"""Reading a post file: front matter split from the body, every key type-checked, every problem at its line."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.core.frontmatter import ParsedSource, PostMeta, parse_source
from fieldnotes.core.problems import Problem

POST = """---
title: "Making LLMs lighter: 4-bit"
date: 2023-05-24
authors: [hana, leo]
tags: [llm]
updated: 2023-06-01
---

First paragraph.
"""


def test_a_valid_post_gives_its_metadata_body_and_key_lines():
    parsed = parse_source(POST, "posts/x.md")
    assert isinstance(parsed, ParsedSource)
    assert parsed.meta == PostMeta(
        title="Making LLMs lighter: 4-bit",
        date=dt.date(2023, 5, 24),
        authors=["hana", "leo"],
        tags=["llm"],
        updated=dt.date(2023, 6, 1),
    )
    assert parsed.key_lines == {"title": 2, "date": 3, "authors": 4, "tags": 5, "updated": 6}
    assert parsed.body == "\nFirst paragraph.\n"
    assert parsed.body_line == 8
    assert POST.splitlines()[parsed.body_line] == "First paragraph."


def test_windows_line_ends_and_a_yaml_end_marker_are_accepted():
    parsed = parse_source("---\r\ntitle: T\r\ndate: 2023-01-01\r\nauthors: hana\r\n...\r\nText.\r\n", "posts/x.md")
    assert isinstance(parsed, ParsedSource)
    assert parsed.meta.authors == ["hana"]
    assert parsed.body.strip() == "Text."


CASES = {
    "empty file": ("", Problem("posts/x.md", None, "the file is empty; a post needs front matter and a body")),
    "no front matter": (
        "# Title\n\nText.\n",
        Problem("posts/x.md", 1, "the file must start with YAML front matter between two '---' lines"),
    ),
    "front matter not closed": (
        "---\ntitle: T\n\nText.\n",
        Problem("posts/x.md", 1, "the file must start with YAML front matter between two '---' lines"),
    ),
    "a list, not a mapping": (
        "---\n- title\n- date\n---\nText.\n",
        Problem("posts/x.md", 2, "front matter must be a mapping of keys to values, e.g. 'title: ...'"),
    ),
    "no text": (
        "---\ntitle: T\ndate: 2023-01-01\nauthors: [hana]\n---\n\n",
        Problem("posts/x.md", 6, "the post has front matter but no text"),
    ),
    "a date that does not exist": (
        "---\ntitle: T\ndate: 2023-02-30\nauthors: [hana]\n---\nText.\n",
        Problem("posts/x.md", 2, "front matter is not valid YAML: a value is not a real date (day is out of range for month)"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_file_that_is_not_a_post_says_why_and_where(case):
    source, problem = CASES[case]
    assert parse_source(source, "posts/x.md") == [problem]


def test_broken_yaml_is_reported_at_the_line_of_the_file_where_the_parser_stopped():
    [problem] = parse_source("---\ntitle: T\ndate: 2023-01-01\nauthors: [hana\n---\nText.\n", "posts/x.md")
    assert (problem.file, problem.line) == ("posts/x.md", 5)
    assert problem.message.startswith("front matter is not valid YAML (")


def test_every_bad_key_is_reported_at_once_with_its_line():
    source = "---\ntitle: T\ndate: May 24\nautors: [hana]\ndraft: maybe\n---\nText.\n"
    problems = parse_source(source, "posts/x.md")
    assert [(problem.line, problem.key, problem.message) for problem in problems] == [
        (4, "autors", "unknown key 'autors'."),
        (3, "date", "'date': expected a date written as YYYY-MM-DD, e.g. 2023-05-24, not 'May 24'"),
        (2, "authors", "missing required key 'authors': expected a list of author ids from authors.yml, e.g. [hana]"),
        (5, "draft", "'draft': expected true or false, not 'maybe'"),
    ]
    assert problems[0].suggestion == "authors"


def test_meta_reads_like_a_mapping_for_the_validators():
    parsed = parse_source(POST, "posts/x.md")
    assert parsed.meta["authors"] == ["hana", "leo"] and parsed.meta["translators"] == []
