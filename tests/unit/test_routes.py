"""Every URL of the site comes from `Routes`: the default language at the root, the others under a prefix."""

from __future__ import annotations

import pytest

from fieldnotes.core.routes import Routes

ROUTES = Routes.of(["en", "ja", "fr"], "https://example.org/notes")
KEYS = ["", "posts/", "posts/alpha/", "tags/llm/page/2/", "about/"]


def test_the_site_url_gets_one_trailing_slash():
    assert ROUTES.site_url == "https://example.org/notes/"
    assert Routes.of(["en"], "https://example.org/notes/").site_url == "https://example.org/notes/"


def test_the_default_language_is_at_the_root_and_the_others_under_their_code():
    assert [ROUTES.prefix(lang) for lang in ROUTES.languages] == ["", "ja/", "fr/"]
    assert ROUTES.page("en", "posts/alpha/") == "posts/alpha/"
    assert ROUTES.page("fr", "posts/alpha/") == "fr/posts/alpha/"
    assert ROUTES.home("ja") == "ja/"
    assert ROUTES.home("en") == ""


@pytest.mark.parametrize("lang", ["en", "ja", "fr"])
@pytest.mark.parametrize("key", KEYS)
def test_key_of_undoes_page(lang, key):
    assert ROUTES.key_of(lang, ROUTES.page(lang, key)) == key


def test_key_of_takes_a_directory_url_of_the_home_page_as_the_empty_key():
    assert ROUTES.key_of("en", "./") == ""
    assert ROUTES.key_of("ja", "ja/") == ""
    # A path of another language is not the key of this one's page.
    assert ROUTES.key_of("ja", "fr/posts/") == "fr/posts/"


def test_pages_of_a_language():
    assert ROUTES.post("ja", "alpha") == "ja/posts/alpha/"
    assert ROUTES.tag("fr", "llm") == "fr/tags/llm/"
    assert ROUTES.author("en", "hana") == "authors/hana/"
    assert ROUTES.posts_index("ja") == "ja/posts/"
    assert (ROUTES.feed_rss("en"), ROUTES.feed_json("en")) == ("feed.xml", "feed.json")
    assert (ROUTES.feed_rss("ja"), ROUTES.feed_json("ja")) == ("ja/feed.xml", "ja/feed.json")


def test_keys_are_the_same_in_every_language():
    assert Routes.post_key("alpha") == "posts/alpha/"
    assert Routes.tag_key("llm") == "tags/llm/"
    assert Routes.author_key("hana") == "authors/hana/"
    assert Routes.year_key(2023) == "archive/2023/"


def test_the_first_page_of_a_listing_keeps_its_key_and_the_others_count_from_two():
    assert Routes.paged_key("tags/llm/", 1) == "tags/llm/"
    assert Routes.paged_key("tags/llm/", 2) == "tags/llm/page/2/"
    assert Routes.paged_key(Routes.POSTS_KEY, 10) == "posts/page/10/"


def test_absolute_urls():
    assert ROUTES.absolute("ja/posts/alpha/") == "https://example.org/notes/ja/posts/alpha/"
    assert ROUTES.absolute("") == ROUTES.absolute("./") == "https://example.org/notes/"


def test_alternates_name_each_version_and_x_default_the_default_language():
    assert ROUTES.alternates("posts/alpha/", {"fr", "en"}) == [
        ("en", "https://example.org/notes/posts/alpha/"),
        ("fr", "https://example.org/notes/fr/posts/alpha/"),
        ("x-default", "https://example.org/notes/posts/alpha/"),
    ]


def test_without_the_default_language_x_default_is_the_first_language_in_site_order():
    assert ROUTES.alternates("posts/gamma/", ["fr", "ja"]) == [
        ("ja", "https://example.org/notes/ja/posts/gamma/"),
        ("fr", "https://example.org/notes/fr/posts/gamma/"),
        ("x-default", "https://example.org/notes/ja/posts/gamma/"),
    ]
    assert ROUTES.alternates("posts/none/", set()) == []
