"""A bilingual site made in memory for the core's unit tests: posts parsed from their text, small
registries and the project's interface text (locales/, through interface_text). No build, no browser."""

from __future__ import annotations

import datetime as dt

from fieldnotes.core.collection import Collection, Post, body_digest, parse_post
from fieldnotes.core.registry import Author, Tag
from fieldnotes.core.routes import Routes
from fieldnotes.core.site import SiteBuild, SiteSettings
from interface_text import LOCALES
from sitebuilder import post as post_text

LANGUAGES = ["en", "ja"]
FOLDERS = {"en": "posts", "ja": "ja"}
SITE_URL = "https://example.org/notes/"
SITE_NAME = "Field Notes"
TODAY = dt.date(2024, 6, 1)
BODY = "Intro.\n\n<!-- more -->\n\n## Part { #part }\n\nText."
AUTHORS = {
    "hana": Author(
        "hana", {"en": "Hana Mori", "ja": "森 華"}, {"en": "Writes on training.", "ja": "学習について。"}, "assets/hana.svg", None
    ),
    "leo": Author("leo", {"en": "Leo Park", "ja": "レオ・パク"}, {}, None, "https://example.org/leo"),
    "editors": Author("editors", {"en": "The editors", "ja": "編集部"}, {}, None, None),
}
TAGS = {
    "llm": Tag("llm", {"en": "LLMs", "ja": "大規模言語モデル"}),
    "ethics": Tag("ethics", {"en": "Ethics", "ja": "倫理"}),
    "quantization": Tag("quantization", {"en": "Quantization", "ja": "量子化"}),
}


def make_post(path: str, title: str, date: str, body: str = BODY, **meta) -> Post:
    """The post a file at `path` (`posts/<slug>.md` or `ja/<slug>.md`) holds, with this front matter and body."""
    lang = next(lang for lang, folder in FOLDERS.items() if path.startswith(folder + "/"))
    post = parse_post(post_text(title, date, body, **meta), lang, path, f"/project/{path}")
    assert isinstance(post, Post), "\n".join(str(problem) for problem in post)
    return post


def sample_posts() -> list[Post]:
    """Every case a listing meets: a translated post, an outdated translation, a post in one language
    only (each way), a draft and a post dated in the future."""
    delta_body = "Delta, rewritten since it was translated.\n\n## Part { #part }\n\nText."
    return [
        make_post("posts/alpha.md", "Alpha <post>", "2023-05-24", tags=["llm", "quantization"], description="Alpha & more."),
        make_post(
            "ja/alpha.md",
            "アルファ",
            "2023-05-24",
            tags=["quantization", "llm"],
            translators=["editors"],
            source_digest=body_digest(BODY),
        ),
        make_post(
            "posts/beta.md", "Beta in English only", "2022-01-10", authors=["leo"], tags=["ethics"], updated=dt.date(2022, 2, 1)
        ),
        make_post("ja/gamma.md", "ガンマ", "2024-03-03", "日本語だけの記事です。"),
        make_post("posts/delta.md", "Delta", "2021-06-01", delta_body),
        make_post("ja/delta.md", "デルタ", "2021-06-01", source_digest=body_digest(BODY)),
        make_post("posts/draft.md", "Draft", "2023-01-01", draft=True),
        make_post("posts/future.md", "Future", "2099-01-01"),
    ]


def make_collection(*posts: Post, today: dt.date = TODAY) -> Collection:
    collection = Collection(list(LANGUAGES), today, authors=dict(AUTHORS), tags=dict(TAGS))
    collection.posts = {lang: {} for lang in LANGUAGES}
    for post in posts:
        collection.posts[post.lang][post.slug] = post
    return collection


def make_site(*posts: Post, page_size: int = 2, serving: bool = False, feed_length: int = 20) -> SiteBuild:
    """A site build that has added every language, as the blog plugin does once per language build."""
    site = SiteBuild(
        make_collection(*posts), Routes.of(LANGUAGES, SITE_URL), LOCALES, SiteSettings(page_size, 3, serving, feed_length)
    )
    for lang in LANGUAGES:
        site.add_language(lang, SITE_NAME, "Notes in two languages.")
    return site
