"""Posts that share, cite and syndicate well, checked on a built site with tools we did not write:
extruct reads the metadata as a crawler does, feedparser reads the feeds, Pillow reads the cards."""

from __future__ import annotations

import io
import json

import extruct
import feedparser
import pytest
from lxml import html as lxml_html
from PIL import Image, ImageChops, ImageStat

from fieldnotes.core.collection import body_digest
from sitebuilder import build, make_project, post

SITE = "https://ml-field-notes.github.io/"
ALPHA_BODY = (
    "Alpha intro with a [link](beta.md).\n\n<!-- more -->\n\n## Details { #details }\n\n"
    "Detail text that only the whole article has [@scaling; @tools].\n\n![A chart](assets/alpha/chart.svg)\n\n"
    "```3dmol\npdb: 1L2Y\ncaption: Trp-cage\n```"
)
# A paper with a DOI and a name with a particle; software by an organisation, with a ";" in its title.
REFERENCES = """@article{scaling,
  author = {van den Berg, Anna and Sato, Ken},
  title = {Scaling Laws, Measured},
  journal = {Journal of Field Notes},
  year = {2022},
  doi = {10.1234/fn.2022.7},
}
@software{tools,
  author = {{Field Notes Team}},
  title = {Tools; and More},
  date = {2023-04-05},
  url = {https://example.org/tools},
}
"""
CHART = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


def social_image() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 630), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


FILES = {
    "posts/alpha.md": post("Alpha & <post>", "2023-05-24", ALPHA_BODY, tags=["llm", "quantization"], description="Alpha."),
    "ja/alpha.md": post(
        "アルファ記事",
        "2023-05-24",
        "アルファの導入。\n\n<!-- more -->\n\n## 詳細 { #details }\n\n全文にだけある本文 [@scaling; @tools]。\n\n![図](assets/alpha/chart.svg)\n\n"
        "```3dmol\npdb: 1L2Y\ncaption: トリプトファンケージ\n```",
        tags=["llm", "quantization"],
        translators=["editors"],
        source_digest=body_digest(ALPHA_BODY),
    ),
    "posts/beta.md": post("Beta", "2022-01-10", "Beta text.\n\n## Part { #part }\n\nMore.", tags=["llm"]),
    "posts/gamma.md": post("Gamma", "2021-01-10", "Gamma text.", tags=["quantization"], image="assets/gamma/cover.png"),
    "posts/delta.md": post("Delta", "2020-01-10", "Delta text.", tags=["ethics"]),
    "ja/epsilon.md": post("イプシロン", "2019-01-10", "日本語だけの記事。", tags=["llm"]),
    "posts/assets/alpha/chart.svg": CHART,
    "posts/assets/gamma/cover.png": social_image(),
    "references.bib": REFERENCES,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("sharing"), {k: v for k, v in FILES.items() if k.endswith(".md")})
    for name in ("posts/assets/alpha/chart.svg", "posts/assets/gamma/cover.png", "references.bib"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        data = FILES[name]
        (root / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def metadata(site, page: str) -> dict:
    path = site.site / page / "index.html" if not page.endswith(".html") else site.site / page
    html = path.read_text(encoding="utf-8")
    return extruct.extract(html, base_url=SITE + page, syntaxes=["opengraph", "json-ld"])


def opengraph(data: dict) -> dict:
    """Every Open Graph property the extractor found, with all its values in page order."""
    properties: dict[str, list[str]] = {}
    for item in data["opengraph"]:
        for key, value in item["properties"]:
            properties.setdefault(key, []).append(value)
    return properties


def meta_names(site, page: str) -> dict[str, list[str]]:
    soup = site.html(page)
    names: dict[str, list[str]] = {}
    for tag in soup.select("meta[name]"):
        names.setdefault(tag["name"], []).append(tag["content"])
    return names


PAGES = {
    "post": ("posts/alpha/", "ja/posts/alpha/"),
    "listing": ("posts/", "ja/tags/llm/"),
    "home": ("", "ja/"),
    "missing": ("ja/posts/beta/", "posts/epsilon/"),
    "document": ("about/", "ja/about/"),
}


@pytest.mark.parametrize("page", [page for pages in PAGES.values() for page in pages])
def test_every_page_has_open_graph_and_a_card(site, page):
    og = opengraph(metadata(site, page))
    lang = "ja" if page.startswith("ja/") else "en"
    canonical = site.html(page).select_one('link[rel="canonical"]')["href"]
    assert og["og:url"] == [canonical]
    assert og["og:title"][0] and og["og:description"][0] and og["og:site_name"] == ["ML Field Notes"]
    assert og["og:type"] == (["article"] if page in PAGES["post"] else ["website"])
    assert og["og:locale"] == [{"en": "en_US", "ja": "ja_JP"}[lang]]
    assert og["og:image:width"] == ["1200"] and og["og:image:height"] == ["630"] and og["og:image:alt"][0]
    image = og["og:image"][0]
    assert image.startswith(SITE) and (site.site / image.removeprefix(SITE)).is_file()
    assert meta_names(site, page)["twitter:card"] == ["summary_large_image"]


def test_pages_have_their_own_descriptions(site):
    descriptions = {page: meta_names(site, page)["description"][0] for pages in PAGES.values() for page in pages}
    assert descriptions["posts/alpha/"] == "Alpha."
    assert descriptions["posts/"] == "Every article of ML Field Notes, newest first."
    assert descriptions["ja/tags/llm/"] == "ML Field Notes の「大規模言語モデル」タグの記事を新しい順に掲載しています。"
    listing_pages = [page for page in descriptions if page in PAGES["listing"]]
    assert len({descriptions[page] for page in listing_pages}) == len(listing_pages)


def test_a_translated_post_lists_the_other_locale_and_the_original(site):
    og = opengraph(metadata(site, "ja/posts/alpha/"))
    assert og["og:locale:alternate"] == ["en_US"]
    assert og["article:published_time"] == ["2023-05-24"] and og["article:modified_time"] == ["2023-05-24"]
    assert og["article:author"] == [SITE + "ja/authors/hana/"]
    assert og["article:tag"] == ["大規模言語モデル", "量子化"]
    names = meta_names(site, "ja/posts/alpha/")
    assert names["citation_title"] == ["アルファ記事"] and names["citation_author"] == ["森 華"]
    assert names["citation_publication_date"] == ["2023/05/24"] and names["citation_language"] == ["ja"]


@pytest.mark.parametrize("page", PAGES["post"])
def test_a_post_lists_the_works_it_cites_to_scholarly_indexers(site, page):
    # In the order of the page's references: APA sorts "Field Notes Team" before "van den Berg".
    tools = (
        "citation_title=Tools, and More; citation_author=Field Notes Team; citation_publication_date=2023/04/05; "
        "citation_public_url=https://example.org/tools"
    )
    scaling = (
        "citation_title=Scaling Laws, Measured; citation_author=van den Berg, Anna; citation_author=Sato, Ken; "
        "citation_publication_date=2022; citation_journal_title=Journal of Field Notes; citation_doi=10.1234/fn.2022.7; "
        "citation_public_url=https://doi.org/10.1234/fn.2022.7"
    )
    assert meta_names(site, page)["citation_reference"] == [tools, scaling]
    posting = {item["@type"]: item for item in metadata(site, page)["json-ld"]}["BlogPosting"]
    software, paper = posting["citation"]
    assert paper["@type"] == "ScholarlyArticle" and paper["name"] == "Scaling Laws, Measured"
    assert paper["author"][0] == {
        "@type": "Person",
        "name": "Anna van den Berg",
        "givenName": "Anna",
        "familyName": "van den Berg",
    }
    assert paper["datePublished"] == "2022" and paper["isPartOf"]["name"] == "Journal of Field Notes"
    assert paper["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1234/fn.2022.7"}
    assert software["@type"] == "SoftwareSourceCode" and software["datePublished"] == "2023-04-05"
    assert software["author"] == [{"@type": "Organization", "name": "Field Notes Team"}]
    assert software["url"] == "https://example.org/tools"


def test_a_post_that_cites_nothing_lists_no_works(site):
    assert "citation_reference" not in meta_names(site, "posts/beta/")
    assert "citation" not in {item["@type"]: item for item in metadata(site, "posts/beta/")["json-ld"]}["BlogPosting"]


def test_blog_posting_and_breadcrumbs(site):
    data = {item["@type"]: item for item in metadata(site, "posts/alpha/")["json-ld"]}
    posting = data["BlogPosting"]
    assert posting["headline"] == "Alpha & <post>" and posting["description"] == "Alpha."
    assert posting["datePublished"] == "2023-05-24" and posting["dateModified"] == "2023-05-24"
    assert posting["author"] == [{"@type": "Person", "name": "Hana Mori", "url": SITE + "authors/hana/"}]
    assert posting["inLanguage"] == "en"
    assert posting["image"]["url"] == SITE + "posts/alpha/card.png"
    assert posting["mainEntityOfPage"]["@id"] == SITE + "posts/alpha/"
    assert posting["isPartOf"]["@type"] == "Blog" and posting["isPartOf"]["url"] == SITE
    assert [item["url"] for item in posting["workTranslation"]] == [SITE + "ja/posts/alpha/"]
    crumbs = [item["item"] for item in data["BreadcrumbList"]["itemListElement"]]
    assert crumbs == [SITE, SITE + "posts/", SITE + "posts/alpha/"]
    translation = {item["@type"]: item for item in metadata(site, "ja/posts/alpha/")["json-ld"]}["BlogPosting"]
    assert translation["translationOfWork"]["url"] == SITE + "posts/alpha/"
    assert translation["translationOfWork"]["inLanguage"] == "en"


def test_the_404_page_has_its_own_title_and_noindex(site):
    soup = site.html("404.html")
    assert soup.title.get_text() == "Page not found - ML Field Notes"
    assert meta_names(site, "404.html")["robots"] == ["noindex"]
    assert "og:url" not in opengraph(metadata(site, "404.html"))


def test_robots_txt_names_the_sitemap(site):
    assert (site.site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {SITE}sitemap.xml"


def card(site, path: str) -> Image.Image:
    return Image.open(site.site / path).convert("RGB")


def test_cards_are_drawn_per_post_and_language(site):
    english, japanese = card(site, "posts/alpha/card.png"), card(site, "ja/posts/alpha/card.png")
    assert english.size == japanese.size == (1200, 630)
    for image in (english, japanese):
        assert max(ImageStat.Stat(image).stddev) > 20  # text on the background, not a blank card
    assert ImageChops.difference(english, japanese).getbbox() is not None
    assert card(site, "posts/alpha/card-480.png").size == (480, 252)


def test_an_image_in_front_matter_replaces_the_card(site):
    og = opengraph(metadata(site, "posts/gamma/"))
    assert og["og:image"] == [SITE + "posts/assets/gamma/cover.png"]
    assert not (site.site / "posts/gamma/card.png").exists()
    thumbnail = card(site, "posts/gamma/card-480.png")
    assert thumbnail.size == (480, 252) and thumbnail.getpixel((10, 10)) == (200, 30, 30)


def test_a_bad_image_fails_with_the_file_and_line(tmp_path):
    text = FILES["posts/gamma.md"].replace("assets/gamma/cover.png", "assets/gamma/missing.png")
    result = build(make_project(tmp_path, {"posts/gamma.md": text}))
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("image:"))
    assert result.returncode == 1 and "Traceback" not in result.output
    assert f"posts/gamma.md:{line}: 'image': there is no posts/assets/gamma/missing.png" in result.output


def test_rebuilds_reuse_cached_cards(site, tmp_path):
    cache = site.root / ".cache/cards"
    before = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    again = build(site.root)
    assert again.returncode == 0, again.output
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == before


@pytest.mark.parametrize("prefix", ["", "ja/"])
def test_feeds_carry_whole_articles_with_absolute_urls(site, prefix):
    rss = feedparser.parse((site.site / prefix / "feed.xml").read_bytes())
    assert not rss.bozo, rss.get("bozo_exception")
    entry = next(item for item in rss.entries if item.link.endswith(f"{prefix}posts/alpha/"))
    content = entry.content[0].value
    assert ("Detail text that only the whole article has" if not prefix else "全文にだけある本文") in content
    assert entry.summary and entry.summary != content
    assert f'src="{SITE}posts/assets/alpha/chart.svg"' in content
    assert "<script" not in content and "<iframe" not in content and "data-fn-embed" not in content
    assert "https://www.rcsb.org/structure/1L2Y" in content
    assert entry.media_content[0]["url"] == f"{SITE}{prefix}posts/alpha/card.png"
    # Citations as text, the references as a list with each work's own link and no back-links.
    assert "(Field Notes Team, 2023; van den Berg &amp; Sato, 2022)" in content.replace("&#38;", "&amp;")
    assert "#cite-" not in content and "#ref-" not in content and "fn-citation" not in content
    references = lxml_html.fragment_fromstring(content, create_parent="div").xpath("//section[h2]")[-1]
    assert references.xpath("string(h2)") == ("References" if not prefix else "参考文献")
    assert [a.get("href") for a in references.xpath(".//li//a")] == [
        "https://example.org/tools",
        "https://doi.org/10.1234/fn.2022.7",
    ]
    items = json.loads((site.site / prefix / "feed.json").read_text(encoding="utf-8"))["items"]
    item = next(item for item in items if item["url"].endswith(f"{prefix}posts/alpha/"))
    assert ("Detail text that only" if not prefix else "全文にだけある本文") in item["content_html"]
    assert item["summary"] == entry.summary
    assert item["image"] == f"{SITE}{prefix}posts/alpha/card.png"


def test_post_ends_with_related_posts_a_citation_and_edit_links(site):
    english = site.html("posts/alpha/")
    related = [a.get_text() for a in english.select(".fn-related li > a")]
    assert related == ["Beta", "Gamma", "イプシロン"]  # shared tags first, then newest; Japanese-only marked
    assert english.select(".fn-related .fn-badge")[-1].get_text() == "Only available in Japanese"
    bibtex = english.select_one(".fn-cite pre code").get_text()
    assert bibtex.startswith("@online{alpha-2023,") and f"url = {{{SITE}posts/alpha/}}" in bibtex
    assert r"Alpha \& <post>" in bibtex
    edits = [a["href"] for a in english.select(".fn-contribute a")]
    assert edits == ["https://github.com/ml-field-notes/ml-field-notes.github.io/edit/main/posts/alpha.md"]
    japanese = site.html("ja/posts/alpha/")
    assert japanese.select_one(".fn-cite summary").get_text() == "この記事を引用する"
    links = [a["href"] for a in japanese.select(".fn-contribute a")]
    assert links[0].endswith("/edit/main/ja/alpha.md") and "translation-request.yml" in links[1]
    missing = [a["href"] for a in site.html("ja/posts/beta/").select(".fn-contribute a")]
    assert missing[0].endswith("CONTRIBUTING.md#translating-a-post")


def test_post_header_shows_each_author_with_avatar_and_link(site):
    byline = site.html("posts/alpha/").select_one(".fn-credits")
    avatar, link = byline.select_one("img.fn-avatar"), byline.select_one("a")
    assert (avatar["src"], avatar["alt"], avatar["width"], avatar["height"]) == ("../../assets/authors/hana.svg", "", "32", "32")
    assert avatar.find_next_sibling("a") is link
    assert (link["href"], link.get_text()) == ("../../authors/hana/", "Hana Mori")
