"""Interface text per language: fallbacks to the default language, CLDR plurals and dates, and the
problems of the files translators edit."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.core.locales import Locales, load_locales
from fieldnotes.core.problems import Problem
from interface_text import LOCALES as PROJECT

TEXTS = {
    "en": {
        "date_format": "long",
        "posts": "Posts",
        "missing_title": "Not in {reader_language} yet",
        "other_language_note": "Only in {language}",
        "readtime": {"one": "1 min read", "other": "{minutes} min read"},
        "files": {"one": "{count} file", "few": "{count} files (few)", "other": "{count} files"},
        "card": {"by": "By", "on": "On"},
        "feed_title": "{site} ({reader_language})",
    },
    "ja": {"date_format": "long", "posts": "記事一覧", "readtime": {"other": "約{minutes}分"}, "card": {"by": "著者"}},
    "pl": {"date_format": "d MMMM y", "files": {"one": "{count} plik", "few": "{count} pliki", "other": "{count} plików"}},
}
LOCALES = Locales(["en", "ja", "pl"], TEXTS)


def test_a_key_a_language_lacks_falls_back_to_the_default_language():
    assert LOCALES.text("ja", "posts") == "記事一覧"
    assert LOCALES.text("pl", "posts") == "Posts"


def test_the_readers_language_and_language_codes_are_named_in_the_readers_language():
    assert LOCALES.text("en", "missing_title") == "Not in English yet"
    assert LOCALES.text("ja", "missing_title") == "Not in 日本語 yet"
    assert LOCALES.text("en", "other_language_note", language="ja") == "Only in Japanese"
    assert LOCALES.text("ja", "other_language_note", language="en") == "Only in 英語"


@pytest.mark.parametrize(
    "lang, count, expected",
    [("en", 1, "1 file"), ("en", 3, "3 files"), ("pl", 1, "1 plik"), ("pl", 3, "3 pliki"), ("pl", 5, "5 plików")],
)
def test_plurals_follow_each_languages_cldr_rules(lang, count, expected):
    assert LOCALES.plural(lang, "files", count) == expected


def test_a_language_without_the_form_cldr_asks_for_uses_other():
    assert LOCALES.plural("ja", "readtime", 1, minutes=1) == "約1分"
    assert LOCALES.plural("en", "readtime", 1, minutes=1) == "1 min read"
    assert LOCALES.plural("en", "readtime", 7, minutes=7) == "7 min read"


def test_text_of_a_plural_key_is_its_other_form():
    assert LOCALES.text("en", "readtime", minutes=4) == "4 min read"


def test_dates_are_written_as_each_language_writes_them():
    day = dt.date(2023, 5, 24)
    assert LOCALES.format_date(day, "en") == "May 24, 2023"
    assert LOCALES.format_date(day, "ja") == "2023年5月24日"
    assert LOCALES.format_date(day, "pl") == "24 maja 2023"


def test_a_group_falls_back_key_by_key():
    assert LOCALES.group("ja", "card") == {"by": "著者", "on": "On"}


def test_the_table_for_templates_fills_the_readers_language_and_keeps_other_placeholders():
    table = LOCALES.table("ja")
    assert table["missing_title"] == "Not in 日本語 yet"
    assert table["feed_title"] == "{site} (日本語)"
    assert "readtime" not in table and "card" not in table  # only plain strings
    assert LOCALES.table("ja") is table  # made once per language


def test_raw_keeps_what_the_browser_fills_in():
    assert LOCALES.raw("ja", "readtime") == {"other": "約{minutes}分"}
    assert LOCALES.raw("pl", "missing_title") == "Not in {reader_language} yet"


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_a_missing_key_is_a_warning_and_an_unknown_one_an_error_at_its_line(tmp_path):
    write(tmp_path, "en.yml", "posts: Posts\ntags: Tags\n")
    write(tmp_path, "ja.yml", "posts: 記事一覧\n\ntgas: タグ\n")
    locales = load_locales(tmp_path, ["en", "ja"])
    assert locales.problems == [
        Problem("locales/ja.yml", None, "no text for 'tags'; using the en one", key="tags", warning=True),
        Problem("locales/ja.yml", 3, "'tgas' is not a key of locales/en.yml", key="tgas"),
    ]
    assert locales.text("ja", "tags") == "Tags"


def test_a_missing_file_is_an_error_for_the_default_language_and_a_warning_for_another(tmp_path):
    write(tmp_path, "en.yml", "posts: Posts\n")
    [problem] = load_locales(tmp_path, ["en", "ja"], "texts").problems
    assert problem == Problem(
        "texts/ja.yml", None, "no interface text for 'ja'; add the file (start from texts/en.yml)", warning=True
    )
    problem = load_locales(tmp_path, ["fr", "en"]).problems[0]
    assert not problem.warning and problem.file == "locales/fr.yml"
    assert "the default language every other one falls back to" in problem.message


def test_a_language_babel_does_not_know_and_a_file_that_is_not_a_mapping_are_errors(tmp_path):
    write(tmp_path, "en.yml", "- posts\n- tags\n")
    write(tmp_path, "xx-yy.yml", "posts: ?\n")
    problems = load_locales(tmp_path, ["en", "xx-yy"]).problems
    assert Problem("locales/en.yml", 1, "expected a mapping of keys to texts") in problems
    assert any(problem.file == "locales/xx-yy.yml" and "not a language Babel knows" in problem.message for problem in problems)
    assert all(not problem.warning for problem in problems if problem.file == "locales/en.yml")


def test_the_projects_languages_have_the_same_keys():
    assert PROJECT.problems == []
    assert set(PROJECT.texts["ja"]) == set(PROJECT.texts["en"])
