"""Checking what an author wrote against a schema: each checker, and `Schema.check` with its lines and hints."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.core.problems import Problem
from fieldnotes.core.validation import (
    Field,
    Schema,
    combination_of,
    date,
    flag,
    ids,
    line_of_text,
    one_of,
    text,
    whole_number,
)

GOOD = [
    (text, "  A title  ", "  A title  "),
    (line_of_text, "one\n  two\tthree", "one two three"),
    (line_of_text, 42, "42"),
    (line_of_text, "   ", None),
    (date, dt.date(2023, 5, 24), dt.date(2023, 5, 24)),
    (date, dt.datetime(2023, 5, 24, 9, 30), dt.date(2023, 5, 24)),
    (flag, False, False),
    (ids("author ids", "hana"), "hana", ["hana"]),
    (ids("author ids", "hana"), ["hana", "leo"], ["hana", "leo"]),
    (whole_number(100, 1000, "pixels"), 360, 360),
    (one_of(("cartoon", "stick")), " Cartoon ", "cartoon"),
    (combination_of(("cartoon", "stick", "sphere")), "cartoon + STICK", ("cartoon", "stick")),
]
BAD = [
    (text, "", "expected a non-empty text, not ''"),
    (text, 12, "expected a non-empty text, not 12"),
    (line_of_text, True, "expected a line of text, not True"),
    (line_of_text, ["a"], "expected a line of text, not ['a']"),
    (date, "24 May 2023", "expected a date written as YYYY-MM-DD, e.g. 2023-05-24, not '24 May 2023'"),
    (flag, "yes please", "expected true or false, not 'yes please'"),
    (ids("author ids", "hana"), [], "expected a list of author ids, e.g. [hana], not []"),
    (ids("author ids", "hana"), ["hana", " "], "expected a list of author ids, e.g. [hana], not ['hana', ' ']"),
    (whole_number(100, 1000, "pixels"), 99, "expected a whole number of pixels from 100 to 1000, not 99"),
    (whole_number(100, 1000, "pixels"), True, "expected a whole number of pixels from 100 to 1000, not True"),
    (whole_number(100, 1000, "pixels"), 360.0, "expected a whole number of pixels from 100 to 1000, not 360.0"),
    (one_of(("cartoon", "stick")), "ribbon", "expected one of cartoon, stick, not 'ribbon'"),
    (combination_of(("cartoon", "stick")), "stick+stick", "or several joined with '+' (e.g. cartoon+stick), not 'stick+stick'"),
    (combination_of(("cartoon", "stick")), 3, "not 3"),
]


@pytest.mark.parametrize("check, raw, clean", GOOD)
def test_a_checker_returns_the_clean_value(check, raw, clean):
    assert check(raw) == clean


@pytest.mark.parametrize("check, raw, message", BAD)
def test_a_checker_says_what_it_expected(check, raw, message):
    with pytest.raises(ValueError) as error:
        check(raw)
    assert message in str(error.value)


SCHEMA = Schema(
    {
        "title": Field(text, required=True, hint="expected a non-empty text"),
        "tags": Field(ids("tag ids", "llm"), default=[]),
        "height": Field(whole_number(100, 1000, "pixels"), default=480),
    },
    noun="option",
)


def test_a_valid_mapping_gets_its_values_and_the_defaults():
    values, problems = SCHEMA.check({"title": "T"}, "posts/x.md", {"title": 3}, 2)
    assert problems == []
    assert values == {"title": "T", "tags": [], "height": 480}


def test_a_default_list_is_a_fresh_copy_for_every_check():
    first, _ = SCHEMA.check({"title": "T"}, "posts/x.md", {}, 2)
    first["tags"].append("changed")
    second, _ = SCHEMA.check({"title": "T"}, "posts/x.md", {}, 2)
    assert second["tags"] == []


def test_every_mistake_is_reported_at_its_line_with_the_key():
    raw = {"hieght": 300, "tags": "", "height": 5}
    _, problems = SCHEMA.check(raw, "posts/x.md", {"hieght": 4, "tags": 5, "height": 6}, 2)
    assert problems == [
        Problem("posts/x.md", 4, "unknown option 'hieght'.", key="hieght", suggestion="height"),
        Problem("posts/x.md", 2, "missing required option 'title': expected a non-empty text", key="title"),
        Problem("posts/x.md", 5, "'tags': expected a list of tag ids, e.g. [llm], not ''", key="tags"),
        Problem("posts/x.md", 6, "'height': expected a whole number of pixels from 100 to 1000, not 5", key="height"),
    ]
    assert str(problems[0]) == "posts/x.md:4: unknown option 'hieght'. Did you mean 'height'?"


def test_an_unknown_key_without_a_close_one_lists_the_known_keys():
    _, problems = SCHEMA.check({"title": "T", "zzz": 1}, "posts/x.md", {}, 2)
    assert problems == [Problem("posts/x.md", 2, "unknown option 'zzz'. Known options: title, tags, height.", key="zzz")]


def test_a_key_given_as_null_counts_as_missing():
    values, problems = SCHEMA.check({"title": None, "height": None}, "posts/x.md", {"title": 3}, 2)
    assert [problem.message for problem in problems] == ["missing required option 'title': expected a non-empty text"]
    assert values["height"] == 480
