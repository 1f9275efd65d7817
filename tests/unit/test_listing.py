"""The generated pages of a language: posts newest first, tag, author and year pages, pagination."""

from __future__ import annotations

from fieldnotes.core.listing import build_listings, paginate, visible_entries
from memory_site import make_collection, make_post, sample_posts


def text(key: str, **values) -> str:
    return key + "".join(f" {name}={value}" for name, value in sorted(values.items()))


def test_visible_entries_show_each_post_once_in_the_readers_language_if_it_has_one():
    collection = make_collection(*sample_posts())
    entries = visible_entries(collection, "ja", include_unpublished=False)
    assert [(entry.post.slug, entry.post.lang, entry.foreign) for entry in entries] == [
        ("gamma", "ja", False),
        ("alpha", "ja", False),
        ("beta", "en", True),
        ("delta", "ja", False),
    ]


def test_posts_of_one_day_are_ordered_by_slug_newest_first():
    posts = [make_post(f"posts/{slug}.md", slug, "2023-01-01") for slug in ("b-post", "a-post", "c-post")]
    entries = visible_entries(make_collection(*posts), "en", include_unpublished=False)
    assert [entry.post.slug for entry in entries] == ["c-post", "b-post", "a-post"]


def test_an_unfinished_scaffold_counts_as_a_draft():
    unfinished = make_post("posts/todo.md", "Todo", "2023-01-01", "TODO: write the introduction.")
    collection = make_collection(unfinished)
    assert visible_entries(collection, "en", include_unpublished=False) == []
    [entry] = visible_entries(collection, "en", include_unpublished=True)
    assert entry.draft and not entry.scheduled


def test_paginate_makes_at_least_one_page_and_links_them():
    assert [(page.key, page.entries) for page in paginate("tags/llm/", "tag", "T", [], 2)] == [("tags/llm/", [])]
    entries = visible_entries(make_collection(*sample_posts()), "en", include_unpublished=False)
    pages = paginate("authors/hana/", "author", "T", entries, 3, "hana")
    assert [(page.key, len(page.entries), page.newer_key, page.older_key) for page in pages] == [
        ("authors/hana/", 3, None, "authors/hana/page/2/"),
        ("authors/hana/page/2/", 1, "authors/hana/", None),
    ]
    assert {(page.subject, page.pages) for page in pages} == {("hana", 2)}


def test_listings_group_posts_by_tag_author_and_year():
    collection = make_collection(*sample_posts())
    entries = visible_entries(collection, "en", include_unpublished=False)
    listings = {listing.key: listing for listing in build_listings(collection, "en", entries, 10, text)}
    assert [label for label, _, _ in listings["tags/"].groups] == ["Ethics", "LLMs", "Quantization"]  # by label
    assert [entry.post.slug for entry in listings["tags/llm/"].entries] == ["gamma", "alpha", "delta"]
    assert listings["tags/llm/"].title == "tag_title label=LLMs"
    assert [(label, key, count) for label, key, count in listings["archive/"].groups] == [
        ("2024", "archive/2024/", 1),
        ("2023", "archive/2023/", 1),
        ("2022", "archive/2022/", 1),
        ("2021", "archive/2021/", 1),
    ]
    assert listings["archive/2022/"].kind == "year" and listings["archive/2022/"].subject == "2022"


def test_an_author_page_lists_what_the_person_wrote_translated_or_proofread():
    collection = make_collection(*sample_posts())
    entries = visible_entries(collection, "ja", include_unpublished=False)
    listings = {listing.key: listing for listing in build_listings(collection, "ja", entries, 10, text)}
    assert [entry.post.slug for entry in listings["authors/editors/"].entries] == ["alpha"]  # a translator
    assert [entry.post.slug for entry in listings["authors/leo/"].entries] == ["beta"]
    assert ("レオ・パク", "authors/leo/", 1) in listings["authors/"].groups
    # Every registered author has a page, even one with no post in this language.
    assert "authors/hana/" in listings
