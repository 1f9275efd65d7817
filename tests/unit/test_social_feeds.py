"""Full feeds: the article HTML made safe for feed readers, and the RSS and JSON Feed elements that carry it."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import feedparser
from lxml import html as lxml_html

from fieldnotes.core.features.space.fence import check_space, render_space
from fieldnotes.core.features.viewer.fence import check_viewer, render_viewer
from fieldnotes.core.locales import load_locales
from fieldnotes.core.social.feed_content import (
    RSS_NAMESPACES,
    FeedImage,
    feed_html,
    json_item_additions,
    rss_item_additions,
)
from interface_text import labels

SITE = "https://ml-field-notes.github.io/"
PAGE = SITE + "posts/visualizing-proteins-3dmol/"
MATH = (
    '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><msup><mi>e</mi>'
    "<mrow><mi>i</mi><mi>π</mi></mrow></msup><mo>+</mo><mn>1</mn><mo>=</mo><mn>0</mn></mrow>"
    '<annotation encoding="application/x-tex">e^{i\\pi} + 1 = 0</annotation></semantics></math>'
)
LOCALES = load_locales(Path(__file__).resolve().parents[2] / "locales", ["en", "ja"])


def english(key: str, **values: object) -> str:
    return LOCALES.text("en", key, **values)


VIEWER = render_viewer(
    check_viewer("file: assets/visualizing-proteins-3dmol/1l2y.pdb\ncaption: Trp-cage & its helix", lambda path: "../" + path),
    english,
)
SPACE = render_space(check_space("id: simonduerr/3dmol.js\ntitle: PDB viewer using 3Dmol.js"), english)
ARTICLE = f"""<p>Intro with a <a href="../chinchilla-compute-optimal/#the-rule">relative link</a>,
a <a href="#why">fragment</a> and a <a href="https://arxiv.org/abs/2305.14314">paper</a>.</p>
<h2 id="why">Why structure matters<a class="headerlink" href="#why" title="Permanent link">&para;</a></h2>
<p><img alt="Levels" src="../assets/visualizing-proteins-3dmol/levels.svg" srcset="../assets/a.png 1x, ../assets/a@2x.png 2x"></p>
{VIEWER}
<p>Euler: {MATH}</p>
<div class="highlight"><pre><span></span><code>x = 1 &lt; 2
</code></pre></div>
{SPACE}
<p>Trailing <a href="../../about/">about</a> and a <script>alert(1)</script><button type="button">click</button>
<iframe src="https://example.org/"></iframe><span onclick="steal()">span</span>.</p>
"""


def converted() -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(feed_html(ARTICLE, PAGE, labels("en")), create_parent="div")


def test_nothing_runs_or_frames():
    root = converted()
    assert not root.xpath(".//script|.//iframe|.//button|.//object|.//embed|.//form")
    assert not [name for element in root.iter() for name in element.attrib if name.startswith("on")]
    assert "alert(1)" not in feed_html(ARTICLE, PAGE, labels("en"))


def test_links_and_images_are_absolute():
    root = converted()
    hrefs = root.xpath(".//a/@href")
    assert hrefs and all(href.startswith("https://") for href in hrefs)
    assert SITE + "posts/chinchilla-compute-optimal/#the-rule" in hrefs
    assert PAGE + "#why" in hrefs
    assert SITE + "about/" in hrefs
    assert root.xpath(".//img/@src") == [SITE + "posts/assets/visualizing-proteins-3dmol/levels.svg"]
    assert root.xpath(".//img/@srcset") == [f"{SITE}posts/assets/a.png 1x, {SITE}posts/assets/a@2x.png 2x"]


def test_permalinks_go_and_headings_stay():
    root = converted()
    assert not root.xpath(".//a[contains(@class, 'headerlink')]")
    assert root.xpath("string(.//h2[@id='why'])") == "Why structure matters"


def test_viewer_becomes_a_link_to_the_article_with_its_caption_and_fallback_links():
    figure = converted().xpath(".//figure")[0]
    assert not [name for name in figure.attrib if name.startswith("data-")]
    links = figure.xpath(".//a")
    assert [(a.get("href"), a.text_content()) for a in links] == [
        (PAGE, "Open the interactive 3D view in the article"),
        ("https://www.rcsb.org/structure/1L2Y", "View 1L2Y at the RCSB Protein Data Bank"),
        (SITE + "posts/assets/visualizing-proteins-3dmol/1l2y.pdb", "Download the structure file (PDB)"),
    ]
    assert figure.xpath("string(./figcaption)") == "Trp-cage & its helix"
    assert "JavaScript and WebGL" not in figure.text_content()


def test_space_becomes_a_link_to_its_page():
    figure = converted().xpath(".//figure")[1]
    assert [(a.get("href"), a.text_content()) for a in figure.xpath(".//a")] == [
        ("https://huggingface.co/spaces/simonduerr/3dmol.js", "Live demo: PDB viewer using 3Dmol.js")
    ]
    assert "hf.space" not in lxml_html.tostring(figure, encoding="unicode")


def test_mathml_and_code_are_kept():
    html = feed_html(ARTICLE, PAGE, labels("en"))
    assert MATH in html
    assert "<code>x = 1 &lt; 2\n</code>" in html


def test_the_rest_is_copied_as_written():
    written = (
        "<p>Caf&eacute; &amp; &#8212; &nbsp;<b data-pagefind-ignore>bold</b></p>\n"
        '<svg viewBox="0 0 10 10"><path d="M0 0L10 10"/></svg>\n'
        '<details class="note" open><summary>More</summary><p>Hidden text</p></details>'
    )
    assert feed_html(written, PAGE, labels("en")) == written


def test_dropped_elements_go_with_everything_inside_even_when_nested():
    article = (
        "<p>before</p><object><object><p>inner</p></object><p>still inside</p></object>"
        "<noscript><img src='tracker.gif'></noscript><!-- a comment --><p>after</p>"
    )
    assert feed_html(article, PAGE, labels("en")) == "<p>before</p><p>after</p>"


def rss(content: str, image: FeedImage) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"{RSS_NAMESPACES}>
  <channel>
    <title>ML Field Notes</title>
    <link>{SITE}</link>
    <description>Articles</description>
    <item>
      <title>Visualizing proteins</title>
      <link>{PAGE}</link>
      <guid isPermaLink="true">{PAGE}</guid>
      <description>{escape("One-line summary & more.")}</description>{rss_item_additions(content, image)}
    </item>
  </channel>
</rss>
"""


def test_feedparser_reads_the_whole_article_summary_and_image_from_rss():
    content = feed_html(ARTICLE, PAGE, labels("en"))
    image = FeedImage(PAGE + "card.png", 1200, 630)
    parsed = feedparser.parse(rss(content, image))
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = parsed.entries[0]
    assert entry.summary == "One-line summary & more."
    body = entry.content[0].value
    assert entry.content[0].type == "text/html"
    assert f'href="{SITE}posts/chinchilla-compute-optimal/#the-rule"' in body
    assert "<math" in body and "<annotation" in body  # the reader's sanitizer keeps MathML
    assert "Open the interactive 3D view in the article" in body
    assert entry.media_content == [{"url": image.url, "medium": "image", "type": "image/png", "width": "1200", "height": "630"}]
    assert entry.media_thumbnail == [{"url": image.url, "width": "1200", "height": "630"}]


def test_json_feed_item_carries_content_html_and_image():
    content = feed_html(ARTICLE, PAGE, labels("en"))
    item = {"id": PAGE, "url": PAGE, "title": "Visualizing proteins", "summary": "One-line summary."}
    item.update(json_item_additions(content, FeedImage(PAGE + "card.png", 1200, 630)))
    feed = json.loads(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "ML Field Notes", "items": [item]}))
    parsed = feed["items"][0]
    assert parsed["content_html"] == content
    assert parsed["summary"] == "One-line summary."
    assert parsed["image"] == PAGE + "card.png"
    assert "content_text" not in parsed  # JSON Feed: content_text would be the plain-text twin of content_html
    assert json_item_additions(content, None) == {"content_html": content}


def test_citations_become_text_and_the_references_a_list_without_back_links_even_inside_a_figure():
    cite = '<span class="fn-citation" id="cite-1">(<a class="fn-citation__work" href="#ref-k">Kaplan et al., 2020</a>)</span>'
    article = (
        f"<p>Loss falls as a power law {cite}.</p>"
        '<figure class="fn-figure" id="fig-a" data-fn-figure="figure"><div class="fn-figure__body">'
        '<img alt="A" src="../assets/a.en.light.svg#only-light"><img alt="A" src="../assets/a.en.dark.svg#only-dark">'
        f'</div><figcaption><span class="fn-figure__label">Figure 1.</span> Fitted curves {cite}.</figcaption></figure>'
        '<section class="fn-references" aria-labelledby="references" data-pagefind-ignore>'
        '<h2 id="references">References<a class="headerlink" href="#references">&para;</a></h2>'
        '<ul class="fn-references__list"><li id="ref-k"><div class="csl-entry">Kaplan, J. (2020). '
        '<a href="https://arxiv.org/abs/2001.08361">https://arxiv.org/abs/2001.08361</a></div> '
        '<span class="fn-references__cited">↩ <a class="fn-references__back" href="#cite-1">1</a> '
        '<a class="fn-references__back" href="#cite-2">2</a></span></li></ul></section>'
    )
    assert feed_html(article, PAGE, labels("en")) == (
        "<p>Loss falls as a power law (Kaplan et al., 2020).</p>"
        '<figure id="fig-a"><div class="fn-figure__body"><img alt="A" src="'
        + SITE
        + 'posts/assets/a.en.light.svg"></div><figcaption><span class="fn-figure__label">Figure 1.</span> '
        "Fitted curves (Kaplan et al., 2020).</figcaption></figure>"
        '<section aria-labelledby="references"><h2 id="references">References</h2>'
        '<ul class="fn-references__list"><li id="ref-k"><div class="csl-entry">Kaplan, J. (2020). '
        '<a href="https://arxiv.org/abs/2001.08361">https://arxiv.org/abs/2001.08361</a></div> </li></ul></section>'
    )
