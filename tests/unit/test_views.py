"""`PageViews`: what the templates receive for each page, from a site build made in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldnotes.core.social.sharing import Sharing
from fieldnotes.core.views import PageViews
from memory_site import make_site, sample_posts


@pytest.fixture(scope="module")
def views():
    site = make_site(*sample_posts())
    sharing = Sharing(site, "https://github.com/owner/notes", "main", Path("/project/posts/assets"))
    return {lang: PageViews(site, sharing, lang, Path("/project")) for lang in site.languages}


def test_every_page_offers_the_same_page_in_each_language(views):
    chrome = views["ja"].chrome("posts/alpha/")
    assert chrome["alternates"] == [
        {"lang": "en", "name": "English", "url": "posts/alpha/", "current": False},
        {"lang": "ja", "name": "日本語", "url": "ja/posts/alpha/", "current": True},
    ]
    assert (chrome["feed_rss"], chrome["feed_json"], chrome["home"]) == ("ja/feed.xml", "ja/feed.json", "ja/")
    assert chrome["feed_title"] == "Field Notes（日本語）"
    assert [hreflang for hreflang, _ in chrome["hreflang"]] == ["en", "ja", "x-default"]
    assert not chrome["noindex"]


def test_the_notice_of_a_missing_translation_is_not_indexed_and_has_no_alternates(views):
    chrome = views["en"].chrome("posts/gamma/")
    assert chrome["noindex"]
    assert chrome["hreflang"] == []
    assert chrome["alternates"][1]["url"] == "ja/posts/gamma/"  # the switcher still leads to the original


def test_a_card_holds_what_authors_wrote_as_text_and_speaks_the_readers_language(views):
    """The templates escape every value they print (autoescape); the views hand them plain text."""
    cards = {card["url"]: card for card in views["ja"].listing(views["ja"].pages.listings["posts/"])["cards"]}
    alpha = cards["ja/posts/alpha/"]
    assert alpha["title"] == "アルファ"
    assert (alpha["date"], alpha["date_text"]) == ("2023-05-24", "2023年5月24日")
    assert [tag["label"] for tag in alpha["tags"]] == ["量子化", "大規模言語モデル"]
    assert alpha["tags"][0]["url"] == "ja/tags/quantization/"
    assert alpha["authors"] == [
        {
            "id": "hana",
            "name": "森 華",
            "bio": "学習について。",
            "url": "ja/authors/hana/",
            "avatar": "assets/hana.svg",
            "link": None,
        }
    ]
    assert alpha["image"] == {"url": "ja/posts/alpha/card-480.png", "width": 480, "height": 252}
    english = {card["url"]: card for card in views["en"].listing(views["en"].pages.listings["posts/"])["cards"]}
    assert english["posts/alpha/"]["title"] == "Alpha <post>"
    assert english["posts/alpha/"]["summary"] == "Alpha & more."
    assert english["posts/alpha/"]["readtime"] == "1 min read"


def test_a_post_the_language_lacks_is_listed_in_its_original_and_marked(views):
    cards = {card["url"]: card for card in views["en"].listing(views["en"].pages.listings["posts/"])["cards"]}
    gamma = cards["ja/posts/gamma/"]
    assert (gamma["foreign"], gamma["foreign_lang"], gamma["foreign_note"]) == (True, "ja", "Only available in Japanese")
    assert gamma["date_text"] == "March 3, 2024"


def test_a_post_links_its_neighbours_in_the_readers_list(views):
    post = views["en"].site.collection.get("en", "alpha")
    neighbours = views["en"].post(post)["neighbours"]
    assert neighbours["next"] == {"title": "ガンマ", "url": "ja/posts/gamma/", "foreign": True, "lang": "ja"}
    assert neighbours["previous"]["url"] == "posts/beta/"
    oldest = views["en"].post(views["en"].site.collection.get("en", "delta"))["neighbours"]
    assert "previous" not in oldest


def test_a_translation_behind_its_original_says_where_the_current_one_is(views):
    collection = views["ja"].site.collection
    assert views["ja"].post(collection.get("ja", "delta"))["outdated"] == {"url": "posts/delta/", "lang": "en"}
    assert views["ja"].post(collection.get("ja", "alpha"))["outdated"] is None
    assert views["en"].post(collection.get("en", "delta"))["outdated"] is None


def test_a_post_names_its_translators_and_dates_in_the_readers_language(views):
    alpha = views["ja"].post(views["ja"].site.collection.get("ja", "alpha"))
    assert [person["name"] for person in alpha["translators"]] == ["編集部"]
    assert alpha["date_text"] == "2023年5月24日" and alpha["updated"] is None
    beta = views["en"].post(views["en"].site.collection.get("en", "beta"))
    assert (beta["updated"], beta["updated_text"]) == ("2022-02-01", "February 1, 2022")
    assert beta["thumbnail"] == "https://example.org/notes/posts/beta/card-480.png"
    assert beta["related"]["posts"] and all(item["url"] != "posts/beta/" for item in beta["related"]["posts"])


def test_the_notice_of_a_missing_translation_links_the_original(views):
    original = views["en"].pages.missing["posts/gamma/"]
    notice = views["en"].missing(original)
    assert notice["url"] == "ja/posts/gamma/"
    assert notice["heading"] == "This article is not available in English yet"
    assert notice["link"] == "Read the original in Japanese"
    assert "“ガンマ” has not been translated into English yet" in notice["body"]


def test_overview_listings_count_with_plural_rules(views):
    tags = views["en"].listing(views["en"].pages.listings["tags/"])
    groups = {group["label"]: group for group in tags["groups"]}
    assert groups["LLMs"] == {"label": "LLMs", "url": "tags/llm/", "count": "3 posts"}
    assert groups["Ethics"]["count"] == "1 post"
    japanese = {group["url"]: group["count"] for group in views["ja"].listing(views["ja"].pages.listings["tags/"])["groups"]}
    assert japanese["ja/tags/ethics/"] == "1 件の記事"  # Japanese has one plural form


def test_year_pages_are_lists_of_titles_and_author_pages_show_the_profile(views):
    year = views["en"].listing(views["en"].pages.listings["archive/2023/"])
    assert year["cards"] == [] and [item["url"] for item in year["compact"]] == ["posts/alpha/"]
    author = views["en"].listing(views["en"].pages.listings["authors/leo/"])
    assert author["profile"]["name"] == "Leo Park" and author["profile"]["link"] == "https://example.org/leo"
    paged = views["en"].listing(views["en"].pages.listings["posts/page/2/"])
    assert (paged["newer"], paged["older"], paged["page_text"]) == ("posts/", None, "Page 2 of 2")
