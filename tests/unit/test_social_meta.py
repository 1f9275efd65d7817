"""Head metadata and JSON-LD as data: what each kind of page declares to link previews and indexers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fieldnotes.core.social.head_meta import ArticleFacts, PageFacts, Person, SocialImage, head_meta
from fieldnotes.core.social.robots import robots_txt
from fieldnotes.core.social.structured_data import PostingFacts, Version, blog_posting, breadcrumbs, json_ld_text
from interface_text import LOCALES, labels

SITE = "https://ml-field-notes.github.io/"
POST_EN = SITE + "posts/4bit-quantization-qlora/"
POST_JA = SITE + "ja/posts/4bit-quantization-qlora/"
CARD = SocialImage(POST_JA + "card.png", 1200, 630, "4ビット NormalFloat と QLoRA（著者：森 華）: ML Field Notes")
ARTICLE = ArticleFacts(
    published=dt.date(2023, 5, 24),
    modified=None,
    authors=(Person("森 華", SITE + "ja/authors/hana/"), Person("レオ・パク", SITE + "ja/authors/leo/")),
    tags=("量子化", "ファインチューニング"),
)


def page(kind: str, **changes) -> PageFacts:
    facts = {
        "kind": kind,
        "title": "4ビット NormalFloat と QLoRA",
        "description": "NF4 と二重量子化の解説。",
        "canonical_url": POST_JA,
        "lang": "ja",
        "locale": "ja_JP",
        "site_name": "ML Field Notes",
        "alternate_locales": ("en_US",),
        "image": CARD,
        "article": ARTICLE if kind == "post" else None,
    }
    return PageFacts(**{**facts, **changes})


def as_dict(tags) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in tags:
        assert tag.attribute == ("property" if tag.key.startswith(("og:", "article:")) else "name")
        found.setdefault(tag.key, []).append(tag.content)
    return found


def test_post_meta():
    found = as_dict(head_meta(page("post")))
    assert found["og:title"] == ["4ビット NormalFloat と QLoRA"]
    assert found["og:description"] == ["NF4 と二重量子化の解説。"]
    assert found["og:url"] == [POST_JA]
    assert found["og:type"] == ["article"]
    assert found["og:site_name"] == ["ML Field Notes"]
    assert found["og:locale"] == ["ja_JP"]
    assert found["og:locale:alternate"] == ["en_US"]
    assert found["og:image"] == [CARD.url]
    assert (found["og:image:width"], found["og:image:height"], found["og:image:alt"]) == (["1200"], ["630"], [CARD.alt])
    assert found["twitter:card"] == ["summary_large_image"]
    assert found["article:published_time"] == ["2023-05-24"]
    assert found["article:modified_time"] == ["2023-05-24"]  # never updated: modified when published
    assert found["article:author"] == [SITE + "ja/authors/hana/", SITE + "ja/authors/leo/"]
    assert found["article:tag"] == ["量子化", "ファインチューニング"]
    assert found["citation_title"] == ["4ビット NormalFloat と QLoRA"]
    assert found["citation_author"] == ["森 華", "レオ・パク"]
    assert found["citation_publication_date"] == ["2023/05/24"]
    assert found["citation_language"] == ["ja"]
    assert "robots" not in found


def test_updated_post_has_its_modified_time():
    article = ArticleFacts(dt.date(2023, 5, 24), dt.date(2024, 1, 9), ARTICLE.authors, ARTICLE.tags)
    assert as_dict(head_meta(page("post", article=article)))["article:modified_time"] == ["2024-01-09"]


@pytest.mark.parametrize("kind", ["listing", "home", "other"])
def test_other_pages_are_websites_without_article_or_scholar_tags(kind):
    facts = page(kind, lang="en", locale="en_US", canonical_url=SITE + "posts/", alternate_locales=("ja_JP",))
    found = as_dict(head_meta(facts))
    assert found["og:type"] == ["website"]
    assert found["og:locale"] == ["en_US"]
    assert found["og:locale:alternate"] == ["ja_JP"]
    assert found["og:url"] == [SITE + "posts/"]
    assert not any(key.startswith(("article:", "citation_")) for key in found)
    assert "robots" not in found


def test_404_page_has_its_own_title_no_url_and_noindex():
    english = labels("en")
    facts = page("404", lang="en", locale="en_US", title=english["not_found_title"], description=english["not_found_description"])
    found = as_dict(head_meta(PageFacts(**{**facts.__dict__, "canonical_url": None, "alternate_locales": ()})))
    assert found["og:title"] == ["Page not found"]
    assert found["robots"] == ["noindex"]
    assert "og:url" not in found and "og:locale:alternate" not in found


def test_page_without_image_gets_the_small_card():
    assert as_dict(head_meta(page("other", image=None)))["twitter:card"] == ["summary"]


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        (page("post", article=None), "a post needs its ArticleFacts"),
        (page("blog"), "unknown page kind 'blog'"),
    ],
)
def test_bad_page_facts(facts, message):
    with pytest.raises(ValueError, match=message):
        head_meta(facts)


def posting(**changes) -> PostingFacts:
    facts = {
        "url": POST_JA,
        "headline": "4ビット NormalFloat と QLoRA",
        "description": "NF4 と二重量子化の解説。",
        "published": dt.date(2023, 5, 24),
        "modified": dt.date(2023, 6, 1),
        "authors": ARTICLE.authors,
        "lang": "ja",
        "blog_name": "ML Field Notes",
        "blog_url": SITE + "ja/",
        "image": CARD,
        "tags": ARTICLE.tags,
        "translators": (Person("編集部", SITE + "ja/authors/editors/"),),
        "original": Version(POST_EN, "en", "4-bit NormalFloat and QLoRA"),
    }
    return PostingFacts(**{**facts, **changes})


def test_blog_posting_of_a_translation():
    data = json.loads(json_ld_text(blog_posting(posting())))
    assert data["@context"] == "https://schema.org" and data["@type"] == "BlogPosting"
    assert data["headline"] == "4ビット NormalFloat と QLoRA"
    assert (data["datePublished"], data["dateModified"]) == ("2023-05-24", "2023-06-01")
    assert data["author"] == [
        {"@type": "Person", "name": "森 華", "url": SITE + "ja/authors/hana/"},
        {"@type": "Person", "name": "レオ・パク", "url": SITE + "ja/authors/leo/"},
    ]
    assert data["inLanguage"] == "ja"
    assert data["image"]["url"] == CARD.url and data["image"]["width"] == 1200
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": POST_JA}
    assert data["isPartOf"]["@type"] == "Blog" and data["isPartOf"]["url"] == SITE + "ja/"
    assert data["translationOfWork"]["url"] == POST_EN and data["translationOfWork"]["inLanguage"] == "en"
    assert "workTranslation" not in data
    assert data["translator"][0]["name"] == "編集部"


def test_blog_posting_of_an_original_lists_its_translations():
    data = blog_posting(
        posting(url=POST_EN, lang="en", original=None, translators=(), translations=(Version(POST_JA, "ja", "4ビット"),))
    )
    assert data["workTranslation"] == [
        {"@type": "BlogPosting", "@id": POST_JA, "url": POST_JA, "inLanguage": "ja", "headline": "4ビット"}
    ]
    assert "translationOfWork" not in data and "translator" not in data


def test_breadcrumbs():
    data = breadcrumbs([("Home", SITE), ("Posts", SITE + "posts/"), ("4-bit NormalFloat and QLoRA", POST_EN)])
    assert data["@type"] == "BreadcrumbList"
    assert [(item["position"], item["item"]) for item in data["itemListElement"]] == [
        (1, SITE),
        (2, SITE + "posts/"),
        (3, POST_EN),
    ]


def test_json_ld_text_cannot_close_the_script_element():
    hostile = 'Title </script><script>alert(1)</script> <!-- & "quotes" \u2028'
    text = json_ld_text(blog_posting(posting(headline=hostile, description=hostile)))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["headline"] == hostile


def test_robots_txt_names_the_sitemap():
    assert robots_txt(SITE + "sitemap.xml") == f"User-agent: *\nAllow: /\n\nSitemap: {SITE}sitemap.xml\n"
    with pytest.raises(ValueError, match="must be absolute"):
        robots_txt("/sitemap.xml")


@pytest.mark.parametrize(
    ("lang", "kind", "values", "expected"),
    [
        ("en", "tag", {"site": "ML Field Notes", "label": "LLMs"}, "Articles of ML Field Notes tagged “LLMs”, newest first."),
        ("ja", "year", {"site": "ML Field Notes", "year": 2023}, "ML Field Notes に掲載された 2023年の記事です。"),
    ],
)
def test_listing_descriptions(lang, kind, values, expected):
    assert LOCALES.text(lang, f"description_{kind}", **values) == expected


def test_every_language_has_every_label():
    assert LOCALES.problems == []


def test_a_cited_preprint_names_its_arxiv_id_and_a_published_version_its_doi():
    from fieldnotes.core.features.feature import CitedWork
    from fieldnotes.core.social.cited_works import schema_work, scholar_reference

    preprint = CitedWork(
        "article", "A  Preprint", (("Mori", "Hana"),), (2023, 5), url="https://arxiv.org/abs/2305.1", preprint="2305.1"
    )
    assert scholar_reference(preprint) == (
        "citation_title=A Preprint; citation_author=Mori, Hana; citation_publication_date=2023/05; "
        "citation_arxiv_id=2305.1; citation_public_url=https://arxiv.org/abs/2305.1"
    )
    assert "sameAs" not in schema_work(preprint) and schema_work(preprint)["datePublished"] == "2023-05"
    published = CitedWork("document", "Later", (), doi="10.1/x", url="https://doi.org/10.1/x", preprint="2305.1")
    assert schema_work(published)["sameAs"] == "https://arxiv.org/abs/2305.1"
    assert schema_work(published)["@type"] == "CreativeWork" and "author" not in schema_work(published)
