"""Interface text and date formats for each site language.

Material translates its own interface; these are the strings our templates and plugins add.
"""

from __future__ import annotations

import datetime as dt

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "language_name": "English",
        "posts": "Posts",
        "all_posts": "All posts",
        "latest_posts": "Latest posts",
        "tags": "Tags",
        "tag_title": "Posts tagged “{label}”",
        "authors": "Authors",
        "author_title": "Posts by {name}",
        "archive": "Archive",
        "archive_title": "Posts from {year}",
        "page_of": "Page {page} of {pages}",
        "newer": "Newer posts",
        "older": "Older posts",
        "previous_post": "Previous post",
        "next_post": "Next post",
        "published": "Published",
        "updated": "Updated",
        "by": "By",
        "translated_by": "Translated by",
        "proofread_by": "Proofread by",
        "continue": "Continue reading",
        "readtime_one": "1 min read",
        "readtime_other": "{minutes} min read",
        "in_other_language": "In Japanese",
        "other_language_note": "Only available in Japanese",
        "missing_title": "This article is not available in English yet",
        "missing_body": "“{title}” has not been translated into English yet. You can read the original in Japanese.",
        "missing_link": "Read the original in Japanese",
        "post_count_one": "1 post",
        "post_count_other": "{count} posts",
        "feed_title": "{site} (English)",
        "rss": "RSS feed",
        "json_feed": "JSON Feed",
        "switch_language": "日本語で読む",
        "draft": "Draft",
        "scheduled": "Scheduled",
        "no_posts": "Nothing published in English here yet.",
        "colab_open": "Open in Colab",
        "colab_github": "View on GitHub",
        "viewer_needs": "This interactive 3D view needs JavaScript and WebGL.",
        "viewer_loading": "Loading the 3D view…",
        "viewer_failed": "The 3D view could not be loaded.",
        "rcsb_link": "View {id} at the RCSB Protein Data Bank",
        "download_link": "Download the structure file ({format})",
        "space_load": "Load the live demo",
        "space_note": "The demo runs on Hugging Face: loading it connects your browser to huggingface.co and hf.space.",
        "space_link": "Open {id} on Hugging Face Spaces",
        "outdated_notice": "The original of this article has changed since this translation was made.",
        "outdated_link": "Read the current original",
        "translations": "Translation status",
        "translations_intro": "Every post, the languages it is published in, and whether each translation follows the current original.",
        "column_post": "Post",
        "column_translators": "Translators",
        "state_original": "original",
        "state_up-to-date": "up to date",
        "state_outdated": "outdated since {since}",
        "state_missing": "missing",
        "search_prompt": "Type to search the articles",
        "search_loading": "Loading search…",
        "search_failed": "Search could not be loaded.",
        "search_count_one": "1 matching page",
        "search_count_other": "{count} matching pages",
        "search_none": "No matching pages",
        "search_results": "Search results",
        "search_tag": "Tag",
        "search_all_tags": "All tags",
        "search_language_en": "English",
        "search_language_ja": "Japanese",
    },
    "ja": {
        "language_name": "日本語",
        "posts": "記事一覧",
        "all_posts": "すべての記事",
        "latest_posts": "新着記事",
        "tags": "タグ",
        "tag_title": "タグ「{label}」の記事",
        "authors": "著者",
        "author_title": "{name} の記事",
        "archive": "アーカイブ",
        "archive_title": "{year}年の記事",
        "page_of": "{pages} ページ中 {page} ページ目",
        "newer": "新しい記事",
        "older": "古い記事",
        "previous_post": "前の記事",
        "next_post": "次の記事",
        "published": "公開日",
        "updated": "更新日",
        "by": "著者",
        "translated_by": "翻訳",
        "proofread_by": "校正",
        "continue": "続きを読む",
        "readtime_one": "約1分で読めます",
        "readtime_other": "約{minutes}分で読めます",
        "in_other_language": "英語",
        "other_language_note": "英語版のみ",
        "missing_title": "この記事はまだ日本語に翻訳されていません",
        "missing_body": "「{title}」はまだ日本語に翻訳されていません。英語の原文をお読みいただけます。",
        "missing_link": "英語の原文を読む",
        "post_count_one": "1 件の記事",
        "post_count_other": "{count} 件の記事",
        "feed_title": "{site}（日本語）",
        "rss": "RSS フィード",
        "json_feed": "JSON Feed",
        "switch_language": "Read in English",
        "draft": "下書き",
        "scheduled": "公開予定",
        "no_posts": "日本語で公開されている記事はまだありません。",
        "colab_open": "Colab で開く",
        "colab_github": "GitHub で見る",
        "viewer_needs": "この 3D ビューの表示には JavaScript と WebGL が必要です。",
        "viewer_loading": "3D ビューを読み込んでいます…",
        "viewer_failed": "3D ビューを読み込めませんでした。",
        "rcsb_link": "RCSB PDB で {id} を見る",
        "download_link": "構造ファイルをダウンロード（{format}）",
        "space_load": "デモを読み込む",
        "space_note": "デモは Hugging Face 上で動きます。読み込むと、ブラウザが huggingface.co と hf.space に接続します。",
        "space_link": "Hugging Face Spaces で {id} を開く",
        "outdated_notice": "この翻訳の作成後に原文が更新されています。",
        "outdated_link": "最新の原文を読む",
        "translations": "翻訳状況",
        "translations_intro": "すべての記事について、公開されている言語と、各翻訳が最新の原文に追従しているかを示します。",
        "column_post": "記事",
        "column_translators": "翻訳者",
        "state_original": "原文",
        "state_up-to-date": "最新",
        "state_outdated": "{since} から古い",
        "state_missing": "未翻訳",
        "search_prompt": "キーワードを入力して記事を検索",
        "search_loading": "検索を準備しています…",
        "search_failed": "検索を読み込めませんでした。",
        "search_count_one": "1 件のページが見つかりました",
        "search_count_other": "{count} 件のページが見つかりました",
        "search_none": "一致するページはありません",
        "search_results": "検索結果",
        "search_tag": "タグ",
        "search_all_tags": "すべてのタグ",
        "search_language_en": "英語",
        "search_language_ja": "日本語",
    },
}

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def text(lang: str, key: str, **values: object) -> str:
    """Return the interface string `key` in `lang` (English for a language we do not translate), filled with `values`."""
    return TEXT.get(lang, TEXT["en"])[key].format(**values)


def format_date(value: dt.date, lang: str) -> str:
    """A date as a reader of `lang` writes it: "May 24, 2023" or "2023年5月24日"."""
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{MONTHS_EN[value.month - 1]} {value.day}, {value.year}"


def readtime_text(minutes: int, lang: str) -> str:
    if minutes == 1:
        return text(lang, "readtime_one")
    return text(lang, "readtime_other", minutes=minutes)


def count_text(count: int, lang: str) -> str:
    if count == 1:
        return text(lang, "post_count_one")
    return text(lang, "post_count_other", count=count)
