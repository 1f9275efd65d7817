"""The partials of the sharing features, rendered as the blog plugin has MkDocs render them: our templates
escape what they print, Material's keep the theme's settings."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import extruct
import jinja2
import material
import pytest
import yaml
from lxml import html as lxml_html

from fieldnotes.core.social.citation import CitationFacts, cite_block
from fieldnotes.core.social.edit_links import contribution_links
from fieldnotes.core.social.head_meta import ArticleFacts, PageFacts, Person, SocialImage, head_meta
from fieldnotes.core.social.structured_data import PostingFacts, Version, blog_posting, breadcrumbs, json_ld_text
from fieldnotes.mkdocs.blog.escaping import our_templates
from interface_text import labels
from sitebuilder import ROOT

SITE = "https://ml-field-notes.github.io/"
REPO = "https://github.com/ml-field-notes/ml-field-notes.github.io"
HOSTILE = '"><script>alert(1)</script> & </title>'


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([ROOT / "overrides", Path(material.__file__).parent / "templates"])
    environment = jinja2.Environment(loader=loader, autoescape=our_templates(str(ROOT / "overrides")))
    environment.filters["url"] = lambda value: "/" + str(value)
    return environment


def render(env, partial: str, **context) -> lxml_html.HtmlElement:
    text = env.get_template(f"fieldnotes/partials/{partial}").render(**context)
    return lxml_html.document_fromstring(f"<html><head></head><body>{text}</body></html>")


def social_context(kind: str, title: str, lang: str = "en") -> dict:
    url = SITE + ("ja/" if lang == "ja" else "") + "posts/evaluating-llm-bias/"
    image = SocialImage(url + "card.png", 1200, 630, f"{title}: ML Field Notes")
    authors = (Person("Leo Park", SITE + "authors/leo/"),)
    locales = {"en": "en_US", "ja": "ja_JP"}
    facts = PageFacts(
        kind,
        title,
        "Toxicity, regard and HONEST.",
        url,
        lang,
        locales[lang],
        "ML Field Notes",
        tuple(locale for other, locale in locales.items() if other != lang),
        image,
        ArticleFacts(dt.date(2022, 10, 24), None, authors, ("Bias", "Evaluation")) if kind == "post" else None,
    )
    blocks = []
    if kind == "post":
        posting = PostingFacts(
            url, title, facts.description, dt.date(2022, 10, 24), None, authors, lang, "ML Field Notes", SITE, image,
            translations=(Version(SITE + "ja/posts/evaluating-llm-bias/", "ja", "LLM のバイアス"),),
        )  # fmt: skip
        trail = [("Home", SITE), ("Posts", SITE + "posts/"), (title, url)]
        blocks = [json_ld_text(blog_posting(posting)), json_ld_text(breadcrumbs(trail))]
    return {"social": {"meta": head_meta(facts), "json_ld": blocks}}


def extract(env, context: dict) -> dict:
    text = env.get_template("fieldnotes/partials/social-meta.html").render(**context)
    page = f'<!doctype html><html lang="en"><head><title>t</title>{text}</head><body><p>Body</p></body></html>'
    return extruct.extract(page, base_url=SITE, syntaxes=["json-ld", "opengraph"], uniform=True)


def test_extruct_reads_blog_posting_breadcrumbs_and_open_graph_of_a_post(env):
    data = extract(env, social_context("post", "Measuring bias in LLM generations"))
    types = {item["@type"]: item for item in data["json-ld"]}
    posting = types["BlogPosting"]
    for field in ("headline", "description", "datePublished", "dateModified", "author", "inLanguage", "image"):
        assert posting[field], field
    assert posting["mainEntityOfPage"]["@id"] == SITE + "posts/evaluating-llm-bias/"
    assert posting["isPartOf"]["@type"] == "Blog"
    assert posting["author"][0] == {"@type": "Person", "name": "Leo Park", "url": SITE + "authors/leo/"}
    assert posting["workTranslation"][0]["inLanguage"] == "ja"
    assert [item["position"] for item in types["BreadcrumbList"]["itemListElement"]] == [1, 2, 3]
    og = data["opengraph"][0]
    assert og["@type"] == "article"
    assert og["og:url"] == SITE + "posts/evaluating-llm-bias/"
    assert og["og:image"] == SITE + "posts/evaluating-llm-bias/card.png"
    assert og["og:locale"] == "en_US" and og["og:locale:alternate"] == "ja_JP"


@pytest.mark.parametrize("kind", ["home", "listing", "404", "other"])
def test_extruct_reads_open_graph_of_other_pages(env, kind):
    data = extract(env, social_context(kind, "ML Field Notes", lang="ja"))
    assert data["json-ld"] == []
    og = data["opengraph"][0]
    assert og["@type"] == "website"
    assert og["og:title"] == "ML Field Notes"
    assert og["og:locale"] == "ja_JP"


def test_front_matter_cannot_break_out_of_meta_or_json_ld(env):
    context = social_context("post", HOSTILE)
    document = render(env, "social-meta.html", **context)
    scripts = document.xpath("//script")
    assert scripts and all(script.get("type") == "application/ld+json" for script in scripts)
    assert document.xpath("//meta[@property='og:title']/@content") == [HOSTILE]
    data = extract(env, context)
    assert {item["@type"]: item for item in data["json-ld"]}["BlogPosting"]["headline"] == HOSTILE


def test_404_page_says_noindex(env):
    document = render(env, "social-meta.html", **social_context("404", "Page not found"))
    assert document.xpath("//meta[@name='robots']/@content") == ["noindex"]


def test_nothing_without_social_data(env):
    assert env.get_template("fieldnotes/partials/social-meta.html").render().strip() == ""


def test_cite_block(env):
    facts = CitationFacts(
        "evaluating-llm-bias",
        HOSTILE,
        ("森 華",),
        dt.date(2022, 10, 24),
        SITE + "ja/posts/evaluating-llm-bias/",
        "ML Field Notes",
        "japanese",
    )
    document = render(env, "cite.html", cite=cite_block(facts, labels("ja")))
    details = document.xpath("//details[contains(@class, 'fn-cite')]")[0]
    assert details.xpath("string(./summary)") == "この記事を引用する"
    entry, reference = details.xpath(".//pre/code")
    assert entry.text_content().startswith("@online{evaluating-llm-bias-2022,")
    assert "\\& </title>" in entry.text_content()
    assert reference.text_content() == f"森 華（2022）「{HOSTILE}」ML Field Notes. {facts.url}"
    assert not document.xpath("//script")


def test_related_posts(env):
    related = {
        "title": "Related posts",
        "posts": [
            {"title": HOSTILE, "url": "posts/qlora/", "date": "2023-05-24", "date_text": "May 24, 2023", "foreign": False},
            {"title": "日本語の記事", "url": "posts/peft/", "date": "2023-06-01", "date_text": "June 1, 2023",
             "foreign": True, "lang": "ja", "foreign_note": "Only available in Japanese"},
        ],
    }  # fmt: skip
    document = render(env, "related.html", related=related)
    links = document.xpath("//nav[@class='fn-related']//li/a")
    assert [(a.get("href"), a.text_content(), a.get("lang")) for a in links] == [
        ("/posts/qlora/", HOSTILE, None),
        ("/posts/peft/", "日本語の記事", "ja"),
    ]
    assert document.xpath("string(//li[2]//span[@class='fn-badge'])") == "Only available in Japanese"
    assert not document.xpath("//script")
    assert env.get_template("fieldnotes/partials/related.html").render(related={"title": "x", "posts": []}).strip() == ""


def card(**changes) -> dict:
    return {
        "title": HOSTILE,
        "url": "posts/qlora/",
        "date": "2023-05-24",
        "date_text": "May 24, 2023",
        "authors": [{"name": "Hana Mori", "url": "authors/hana/"}],
        "readtime": "12 min read",
        "summary": "How NF4 works <b>really</b>.",
        "tags": [{"label": "Quantization", "url": "tags/quantization/"}],
        "foreign": False,
        "draft": False,
        "scheduled": False,
        "image": {"url": "assets/cards/qlora-480.png", "width": 480, "height": 252},
        **changes,
    }


def test_post_card_image_is_lazy_sized_and_hidden_from_assistive_technology(env):
    document = render(env, "post-card.html", card=card(), fieldnotes={"lang": "en", "t": {}})
    image = document.xpath("//img")[0]
    assert (image.get("loading"), image.get("width"), image.get("height"), image.get("alt")) == ("lazy", "480", "252", "")
    assert image.getparent().get("aria-hidden") == "true" and image.getparent().get("tabindex") == "-1"
    assert document.xpath("string(//h2/a)") == HOSTILE
    assert document.xpath("string(//p[@class='fn-post-card__description'])") == "How NF4 works <b>really</b>."
    assert document.xpath("//time/@datetime") == ["2023-05-24"]
    assert document.xpath("//a[@class='fn-tag']/@href") == ["/tags/quantization/"]
    assert not document.xpath("//script|//b")


def test_post_card_without_image_and_foreign(env):
    labels = {"lang": "en", "t": {"draft": "Draft", "scheduled": "Scheduled"}}
    document = render(
        env,
        "post-card.html",
        card=card(image=None, foreign=True, foreign_lang="ja", foreign_note="Only in Japanese", draft=True),
        fieldnotes=labels,
    )
    assert not document.xpath("//img")
    assert document.xpath("//article/@lang") == ["ja"]
    assert [badge.text_content() for badge in document.xpath("//span[@class='fn-badge']")] == ["Only in Japanese", "Draft"]


def translation_form() -> dict:
    return yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/translation-request.yml").read_text(encoding="utf-8"))


def test_edit_links_of_an_original_a_translation_and_a_missing_translation(env):
    en, ja = labels("en"), labels("ja")
    original = contribution_links(REPO, "main", "original", "posts/qlora.md", "qlora", "QLoRA", en)
    assert [(link.kind, link.url, link.label) for link in original] == [
        ("edit", f"{REPO}/edit/main/posts/qlora.md", "Edit this page on GitHub")
    ]
    translation = contribution_links(REPO + "/", "main", "translation", "ja/qlora.md", "qlora", "QLoRA", ja)
    assert [link.kind for link in translation] == ["edit", "improve"]
    assert translation[0].url == f"{REPO}/edit/main/ja/qlora.md"
    form = urlsplit(translation[1].url)
    assert form.path.endswith("/issues/new")
    assert parse_qs(form.query) == {"template": ["translation-request.yml"], "title": ["[Translation] QLoRA"], "slug": ["qlora"]}
    assert "slug" in [field.get("id") for field in translation_form()["body"]]
    missing = contribution_links(REPO, "main", "missing", "posts/qlora.md", "qlora", "QLoRA", ja)
    assert [link.label for link in missing] == ["この記事を翻訳する", "翻訳をリクエストする"]
    guide, anchor = missing[0].url.split("#")
    assert guide == f"{REPO}/blob/main/CONTRIBUTING.md"
    headings = re.findall(r"^## (.+)$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert anchor in [heading.lower().replace(" ", "-") for heading in headings]
    document = render(env, "edit-links.html", contribute=translation)
    links = document.xpath("//ul[@class='fn-contribute']//a")
    assert [a.get("href") for a in links] == [link.url for link in translation]
    assert all(a.xpath(".//svg") for a in links)  # icons inlined from the theme


def test_unknown_page_state():
    with pytest.raises(ValueError, match="unknown page state 'draft'"):
        contribution_links(REPO, "main", "draft", "posts/x.md", "x", "X", labels("en"))
