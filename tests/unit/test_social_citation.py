"""Cite this article: BibTeX entries and plain references in the page's language."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.core.social.citation import CitationFacts, bibtex, bibtex_escape, citation_key, cite_block, plain_reference
from interface_text import labels

URL = "https://ml-field-notes.github.io/posts/4bit-quantization-qlora/"
EN = CitationFacts(
    slug="4bit-quantization-qlora",
    title="4-bit NormalFloat and QLoRA: fine-tuning a 65B model on one GPU",
    authors=("Hana Mori", "Leo Park"),
    published=dt.date(2023, 5, 24),
    url=URL,
    site_name="ML Field Notes",
    bibtex_language="english",
    accessed=dt.date(2024, 2, 1),
)


def test_bibtex_entry():
    assert bibtex(EN) == (
        "@online{4bit-quantization-qlora-2023,\n"
        "  author = {{Hana Mori} and {Leo Park}},\n"
        "  title = {{4-bit NormalFloat and QLoRA: fine-tuning a 65B model on one GPU}},\n"
        "  organization = {ML Field Notes},\n"
        "  year = 2023,\n"
        "  month = may,\n"
        "  date = {2023-05-24},\n"
        f"  url = {{{URL}}},\n"
        "  urldate = {2024-02-01},\n"
        "  language = {english}\n"
        "}"
    )


def test_key_is_stable_across_languages():
    japanese = CitationFacts(
        **{**EN.__dict__, "bibtex_language": "japanese", "title": "4ビット NormalFloat と QLoRA", "authors": ("森 華",)}
    )
    assert bibtex(japanese).startswith("@online{4bit-quantization-qlora-2023,\n")
    assert "  author = {{森 華}},\n" in bibtex(japanese)
    assert "  language = {japanese}\n" in bibtex(japanese)
    assert citation_key("evaluating-llm-bias", 2022) == "evaluating-llm-bias-2022"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Ethics & Society", r"Ethics \& Society"),
        ("100% of $5 for #1 in_place", r"100\% of \$5 for \#1 in\_place"),
        ("{braces} and \\backslash", r"\{braces\} and \textbackslash{}backslash"),
        ("~tilde ^caret", r"\textasciitilde{}tilde \textasciicircum{}caret"),
        ("two\n  lines", "two lines"),
    ],
)
def test_bibtex_escaping(text, escaped):
    assert bibtex_escape(text) == escaped


def test_escaped_title_keeps_braces_balanced():
    entry = bibtex(CitationFacts(**{**EN.__dict__, "title": "Open {brace and } close } {{", "authors": ("A} and {B",)}))
    depth = 0
    for index, char in enumerate(entry):
        if char in "{}" and entry[index - 1] != "\\":
            depth += 1 if char == "{" else -1
            assert depth >= 0
    assert depth == 0
    assert r"{A\} and \{B}" in entry


def test_url_with_braces_is_refused():
    with pytest.raises(ValueError, match="cannot go into a BibTeX url field"):
        bibtex(CitationFacts(**{**EN.__dict__, "url": "https://example.org/{x}"}))


def test_plain_reference_in_each_language():
    assert plain_reference(EN, labels("en")) == (
        f"Hana Mori, Leo Park (2023). 4-bit NormalFloat and QLoRA: fine-tuning a 65B model on one GPU. ML Field Notes. {URL}"
    )
    japanese = CitationFacts(
        **{
            **EN.__dict__,
            "bibtex_language": "japanese",
            "title": "4ビット NormalFloat と QLoRA",
            "authors": ("森 華", "レオ・パク"),
        }
    )
    assert (
        plain_reference(japanese, labels("ja"))
        == f"森 華、レオ・パク（2023）「4ビット NormalFloat と QLoRA」ML Field Notes. {URL}"
    )


def test_cite_block_labels_follow_the_language():
    block = cite_block(EN, labels("ja"))
    assert block["summary"] == "この記事を引用する"
    assert block["bibtex"] == bibtex(EN)
