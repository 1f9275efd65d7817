"""Interface text of the sharing, citing and contributing features, per site language.

Functions take the dictionary of one language (`social_text(lang)`), so they hold no language rule.
"""

from __future__ import annotations

SOCIAL_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "list_separator": ", ",
        "card_alt": "{title}, by {authors}: {site}",
        "site_card_alt": "{site}: {tagline}",
        "not_found_title": "Page not found",
        "not_found_description": "There is no page at this address.",
        "description_index": "Every article of {site}, newest first.",
        "description_tags": "The topics {site} writes about, with the number of articles on each.",
        "description_tag": "Articles of {site} tagged “{label}”, newest first.",
        "description_authors": "The people who write, translate and proofread {site}.",
        "description_author": "Articles by {name} on {site}, newest first.",
        "description_archive": "The articles of {site}, year by year.",
        "description_year": "Articles of {site} from {year}.",
        "description_translations": "Which articles of {site} exist in which language, and which translations are out of date.",
        "breadcrumb_home": "Home",
        "breadcrumb_posts": "Posts",
        "cite_summary": "Cite this article",
        "cite_bibtex": "BibTeX",
        "cite_reference": "Reference",
        "cite_format": "{authors} ({year}). {title}. {site}. {url}",
        "related_title": "Related posts",
        "avatars_label": "Authors",
        "edit_page": "Edit this page on GitHub",
        "improve_translation": "Improve this translation",
        "translate_post": "Translate this post",
        "request_translation": "Ask for a translation",
        "embed_3dmol": "Open the interactive 3D view in the article",
        "embed_space": "Live demo: {title}",
    },
    "ja": {
        "list_separator": "、",
        "card_alt": "{title}（著者：{authors}）: {site}",
        "site_card_alt": "{site}: {tagline}",
        "not_found_title": "ページが見つかりません",
        "not_found_description": "このアドレスにはページがありません。",
        "description_index": "{site} のすべての記事を新しい順に掲載しています。",
        "description_tags": "{site} で扱っているテーマと、テーマごとの記事数です。",
        "description_tag": "{site} の「{label}」タグの記事を新しい順に掲載しています。",
        "description_authors": "{site} の記事を執筆・翻訳・校正しているメンバーです。",
        "description_author": "{site} に掲載された {name} の記事を新しい順に掲載しています。",
        "description_archive": "{site} の記事を年ごとにまとめています。",
        "description_year": "{site} に掲載された {year}年の記事です。",
        "description_translations": "{site} の各記事がどの言語で読めるか、どの翻訳が原文より古くなっているかを示します。",
        "breadcrumb_home": "ホーム",
        "breadcrumb_posts": "記事一覧",
        "cite_summary": "この記事を引用する",
        "cite_bibtex": "BibTeX",
        "cite_reference": "参考文献リスト用",
        "cite_format": "{authors}（{year}）「{title}」{site}. {url}",
        "related_title": "関連記事",
        "avatars_label": "著者",
        "edit_page": "GitHub でこのページを編集",
        "improve_translation": "この翻訳の改善を提案",
        "translate_post": "この記事を翻訳する",
        "request_translation": "翻訳をリクエストする",
        "embed_3dmol": "記事内のインタラクティブな 3D ビューを開く",
        "embed_space": "ライブデモ：{title}",
    },
}


def social_text(lang: str) -> dict[str, str]:
    """The text of `lang`, or English for a language the site does not translate."""
    return SOCIAL_TEXT.get(lang, SOCIAL_TEXT["en"])


def listing_description(kind: str, labels: dict[str, str], **values: object) -> str:
    """The description of a generated page (`index`, `tag`, `author`, `year`, ...), e.g. for og:description."""
    return labels[f"description_{kind}"].format(**values)
