"""`SiteBuild` on posts made in memory: what each language's pages are, and the sitemap and feeds."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldnotes.core.site import DOCUMENT, HOME, LISTING, MISSING, POST
from fieldnotes.core.social.feed_content import FeedImage
from memory_site import SITE_URL, make_site, sample_posts

IMAGE = FeedImage("https://example.org/card.png", 1200, 630, "image/png")


@pytest.fixture
def site():
    return make_site(*sample_posts())


def test_each_language_has_its_posts_and_a_notice_for_each_post_it_lacks(site):
    english, japanese = site.languages["en"], site.languages["ja"]
    assert sorted(english.posts) == ["posts/alpha/", "posts/beta/", "posts/delta/"]
    assert sorted(english.missing) == ["posts/gamma/"]
    assert english.missing["posts/gamma/"].lang == "ja"
    assert sorted(japanese.posts) == ["posts/alpha/", "posts/delta/", "posts/gamma/"]
    assert sorted(japanese.missing) == ["posts/beta/"]


def test_drafts_and_posts_dated_after_today_are_left_out_of_a_build(site):
    keys = {key for pages in site.languages.values() for key in [*pages.posts, *pages.missing]}
    assert "posts/draft/" not in keys and "posts/future/" not in keys


def test_while_serving_drafts_and_scheduled_posts_are_shown_and_marked():
    site = make_site(*sample_posts(), serving=True)
    entries = {entry.post.slug: entry for entry in site.languages["en"].entries}
    assert entries["draft"].draft and not entries["draft"].scheduled
    assert entries["future"].scheduled and not entries["future"].draft
    assert not entries["alpha"].draft and not entries["alpha"].scheduled


def test_entries_are_newest_first_and_marked_foreign_where_the_language_lacks_the_post(site):
    entries = site.languages["en"].entries
    assert [(entry.post.slug, entry.foreign) for entry in entries] == [
        ("gamma", True),
        ("alpha", False),
        ("beta", False),
        ("delta", False),
    ]


def test_page_kinds_by_key(site):
    pages = site.languages["ja"]
    pages.documents = {"", "about/"}
    assert pages.kind("posts/gamma/") == POST
    assert pages.kind("posts/beta/") == MISSING
    assert pages.kind("tags/llm/") == LISTING
    assert pages.kind("") == HOME
    assert pages.kind("about/") == DOCUMENT


def test_listings_exist_in_every_language_with_the_same_keys(site):
    english, japanese = site.languages["en"].listings, site.languages["ja"].listings
    assert set(english) == set(japanese)
    assert {"posts/", "posts/page/2/", "tags/", "tags/llm/", "authors/", "authors/hana/", "archive/", "translations/"} <= set(
        english
    )
    assert english["tags/llm/"].title == "Posts tagged “LLMs”"
    assert japanese["tags/llm/"].title == "タグ「大規模言語モデル」の記事"


def test_the_post_index_is_paginated_with_links_both_ways(site):
    first, second = site.languages["en"].listings["posts/"], site.languages["en"].listings["posts/page/2/"]
    assert (first.page, first.pages, first.newer_key, first.older_key) == (1, 2, None, "posts/page/2/")
    assert (second.page, second.pages, second.newer_key, second.older_key) == (2, 2, "posts/", None)
    assert [entry.post.slug for entry in first.entries + second.entries] == ["gamma", "alpha", "beta", "delta"]


def test_the_home_page_lists_the_newest_posts(site):
    home = site.home_listing("ja")
    assert home.key == "" and home.title == "新着記事"
    assert [entry.post.slug for entry in home.entries] == ["gamma", "alpha", "beta"]


def test_translated_names_the_languages_that_have_a_page(site):
    assert site.translated("en", "posts/alpha/") == {"en", "ja"}
    assert site.translated("en", "posts/beta/") == {"en"}
    assert site.translated("en", "posts/gamma/") == set()  # the notice stands in for a missing translation
    assert site.translated("ja", "tags/llm/") == {"en", "ja"}


def test_the_sitemap_lists_every_page_with_its_alternates_but_no_notice(site):
    site.languages["en"].documents = {"", "about/"}
    entries = {entry.url: entry for entry in site.sitemap()}
    assert SITE_URL + "posts/gamma/" not in entries
    assert SITE_URL + "ja/posts/beta/" not in entries
    assert SITE_URL + "about/" in entries
    beta = entries[SITE_URL + "posts/beta/"]
    assert beta.lastmod == "2022-02-01"  # updated, not published
    assert beta.alternates == (("en", SITE_URL + "posts/beta/"), ("x-default", SITE_URL + "posts/beta/"))
    alpha = entries[SITE_URL + "ja/posts/alpha/"]
    assert alpha.lastmod == "2023-05-24"
    assert [hreflang for hreflang, _ in alpha.alternates] == ["en", "ja", "x-default"]
    assert entries[SITE_URL + "ja/tags/llm/"].lastmod is None


def test_a_feed_carries_the_languages_own_posts_newest_first(site):
    assert [entry.post.slug for entry in site.feed_entries("en")] == ["alpha", "beta", "delta"]
    assert [entry.post.slug for entry in site.feed_entries("ja")] == ["gamma", "alpha", "delta"]
    gamma = site.collection.get("ja", "gamma")
    assert site.in_feed(gamma)


def test_a_feed_holds_at_most_feed_length_posts():
    site = make_site(*sample_posts(), feed_length=2)
    assert [entry.post.slug for entry in site.feed_entries("en")] == ["alpha", "beta"]
    assert not site.in_feed(site.collection.get("en", "delta"))


def test_a_feed_item_carries_its_article_only_while_the_article_matches_the_post(site):
    alpha = site.collection.get("en", "alpha")
    articles = {("en", "alpha"): (alpha.digest, "<p>Alpha, feed-safe.</p>"), ("en", "beta"): ("stale", "<p>Old beta.</p>")}
    feed = site.feed("en", articles, lambda post: IMAGE)
    items = {item.url: item for item in feed.items}
    assert items[SITE_URL + "posts/alpha/"].content_html == "<p>Alpha, feed-safe.</p>"
    assert items[SITE_URL + "posts/beta/"].content_html is None
    assert items[SITE_URL + "posts/alpha/"].tags == ["LLMs", "Quantization"]
    assert items[SITE_URL + "posts/beta/"].authors == ["Leo Park"]
    assert (feed.title, feed.home_url, feed.feed_url, feed.json_url) == (
        "Field Notes (English)",
        SITE_URL,
        SITE_URL + "feed.xml",
        SITE_URL + "feed.json",
    )


def test_the_feed_of_another_language_is_titled_in_it(site):
    feed = site.feed("ja", {}, lambda post: IMAGE)
    assert [item.date for item in feed.items] == [dt.date(2024, 3, 3), dt.date(2023, 5, 24), dt.date(2021, 6, 1)]
    assert feed.title == "Field Notes（日本語）" and feed.lang == "ja"


def test_a_page_size_larger_than_the_posts_keeps_the_index_on_one_page():
    listings = make_site(*sample_posts(), page_size=10).languages["en"].listings
    assert "posts/page/2/" not in listings
    assert (listings["posts/"].pages, listings["posts/"].older_key) == (1, None)
