"""RSS 2.0 and JSON Feed 1.1 for one language, written next to that language's home page."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .social.feed_content import RSS_NAMESPACES, FeedImage, json_item_additions, rss_item_additions


@dataclass
class FeedItem:
    title: str
    url: str
    date: dt.date
    updated: dt.date | None
    authors: list[str]
    summary: str
    tags: list[str]
    lang: str
    content_html: str | None = None  # the whole article, feed-safe
    image: FeedImage | None = None


@dataclass
class Feed:
    title: str
    home_url: str
    feed_url: str  # of the RSS file; the JSON feed sits beside it
    json_url: str
    description: str
    lang: str
    items: list[FeedItem]


def _moment(value: dt.date) -> dt.datetime:
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def render_rss(feed: Feed) -> str:
    items = []
    for item in feed.items:
        categories = "".join(f"\n      <category>{escape(tag)}</category>" for tag in item.tags)
        authors = escape(", ".join(item.authors))
        items.append(
            f"""    <item>
      <title>{escape(item.title)}</title>
      <link>{escape(item.url)}</link>
      <guid isPermaLink="true">{escape(item.url)}</guid>
      <pubDate>{format_datetime(_moment(item.date))}</pubDate>
      <dc:creator>{authors}</dc:creator>
      <description>{escape(item.summary)}</description>{categories}{rss_item_additions(item.content_html, item.image) if item.content_html else ""}
    </item>"""
        )
        if item.lang != feed.lang:
            items[-1] = items[-1].replace("    <item>", f'    <item xml:lang="{item.lang}">', 1)
    last = max((item.updated or item.date for item in feed.items), default=None)
    last_build = f"\n    <lastBuildDate>{format_datetime(_moment(last))}</lastBuildDate>" if last else ""
    body = "\n".join(items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/"{RSS_NAMESPACES}>
  <channel>
    <title>{escape(feed.title)}</title>
    <link>{escape(feed.home_url)}</link>
    <description>{escape(feed.description)}</description>
    <language>{feed.lang}</language>{last_build}
    <atom:link href="{escape(feed.feed_url)}" rel="self" type="application/rss+xml"/>
{body}
  </channel>
</rss>
"""


def render_json_feed(feed: Feed) -> str:
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.json_url,
        "description": feed.description,
        "language": feed.lang,
        "items": [
            {
                "id": item.url,
                "url": item.url,
                "title": item.title,
                "summary": item.summary,
                **(json_item_additions(item.content_html, item.image) if item.content_html else {"content_text": item.summary}),
                "date_published": _moment(item.date).isoformat(),
                **({"date_modified": _moment(item.updated).isoformat()} if item.updated else {}),
                "authors": [{"name": name} for name in item.authors],
                "tags": item.tags,
                "language": item.lang,
            }
            for item in feed.items
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
