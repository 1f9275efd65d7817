"""RSS 2.0 and JSON Feed 1.1 of one language, read back as feed readers read them (feedparser, json)."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import feedparser

from fieldnotes.core.feeds import Feed, FeedItem, render_json_feed, render_rss
from fieldnotes.core.social.feed_content import FeedImage

IMAGE = FeedImage("https://example.org/ja/posts/alpha/card.png", 1200, 630)
FEED = Feed(
    title="Notes & Co（日本語）",
    home_url="https://example.org/ja/",
    feed_url="https://example.org/ja/feed.xml",
    json_url="https://example.org/ja/feed.json",
    description="Two <languages>",
    lang="ja",
    items=[
        FeedItem(
            title="アルファ <b>bold</b> & more",
            url="https://example.org/ja/posts/alpha/",
            date=dt.date(2023, 5, 24),
            updated=dt.date(2023, 6, 2),
            authors=["森 華", "レオ・パク"],
            summary="Summary with <tags> & ampersands.",
            tags=["大規模言語モデル", "量子化"],
            lang="ja",
            content_html='<p>Body with <a href="https://example.org/x">a link</a> &amp; more.</p>',
            image=IMAGE,
        ),
        FeedItem(
            title="Beta in English only",
            url="https://example.org/posts/beta/",
            date=dt.date(2022, 1, 10),
            updated=None,
            authors=["Leo Park"],
            summary="English only.",
            tags=[],
            lang="en",
        ),
    ],
)


def test_rss_reads_back_with_every_field_escaped_and_dated():
    parsed = feedparser.parse(render_rss(FEED))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Notes & Co（日本語）"
    assert parsed.feed.link == "https://example.org/ja/"
    assert parsed.feed.language == "ja"
    assert parsed.feed.updated_parsed[:3] == (2023, 6, 2)  # the latest of every date and update
    alpha, beta = parsed.entries
    assert alpha.title == "アルファ <b>bold</b> & more"
    assert (alpha.link, alpha.id) == ("https://example.org/ja/posts/alpha/", "https://example.org/ja/posts/alpha/")
    assert alpha.published_parsed[:3] == (2023, 5, 24)
    assert alpha.author == "森 華, レオ・パク"
    assert [tag.term for tag in alpha.tags] == ["大規模言語モデル", "量子化"]
    assert alpha.content[0].value == '<p>Body with <a href="https://example.org/x">a link</a> &amp; more.</p>'
    assert alpha.media_content[0]["url"] == IMAGE.url and alpha.media_content[0]["width"] == "1200"
    assert "content" not in beta and "tags" not in beta


def test_rss_marks_an_item_in_another_language():
    items = ET.fromstring(render_rss(FEED)).findall("channel/item")
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [item.get(lang) for item in items] == [None, "en"]
    assert ET.fromstring(render_rss(FEED)).find("channel/{http://www.w3.org/2005/Atom}link").get("href") == FEED.feed_url


def test_an_empty_feed_has_no_last_build_date():
    rss = render_rss(
        Feed("T", "https://example.org/", "https://example.org/feed.xml", "https://example.org/feed.json", "D", "en", [])
    )
    channel = ET.fromstring(rss).find("channel")
    assert channel.find("lastBuildDate") is None and channel.findall("item") == []


def test_json_feed_reads_back_with_the_article_or_the_summary_as_text():
    data = json.loads(render_json_feed(FEED))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert (data["title"], data["home_page_url"], data["feed_url"], data["language"]) == (
        "Notes & Co（日本語）",
        "https://example.org/ja/",
        "https://example.org/ja/feed.json",
        "ja",
    )
    alpha, beta = data["items"]
    assert alpha["id"] == alpha["url"] == "https://example.org/ja/posts/alpha/"
    assert alpha["content_html"].startswith("<p>Body with") and alpha["image"] == IMAGE.url
    assert (alpha["date_published"], alpha["date_modified"]) == ("2023-05-24T00:00:00+00:00", "2023-06-02T00:00:00+00:00")
    assert alpha["authors"] == [{"name": "森 華"}, {"name": "レオ・パク"}]
    assert beta["content_text"] == "English only." and "content_html" not in beta and "date_modified" not in beta
    assert beta["language"] == "en"


def test_json_feed_keeps_text_as_written():
    assert "森 華" in render_json_feed(FEED)  # not \\u escapes
