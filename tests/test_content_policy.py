"""The content policy on a post's rendered HTML, as a hostile pull request would write it.

Each bad input is written as Markdown in a post, rendered with the Markdown extensions of the
site's mkdocs.yml, checked as the build checks it, and must give its message on its own line.
Good markup from every extension and feature must pass untouched.
"""

from __future__ import annotations

import markdown
import pytest
import yaml

from fieldnotes.core.content_policy import find_violations, url_scheme
from fieldnotes.core.features import element_hints, page_markup
from fieldnotes.core.source_lines import MarkdownSource
from sitebuilder import ROOT

PAGE_MARKUP = page_markup()
BEFORE = "Intro paragraph.\n\n## Part { #part }\n\nSome text.\n\n"
FIRST_LINE = BEFORE.count("\n") + 1  # the line the bad input starts on


def site_markdown() -> markdown.Markdown:
    """A Markdown converter with the extensions and options of the site's mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            options[name] = settings
    return markdown.Markdown(extensions=names, extension_configs=options)


def problems(body: str) -> list[tuple[int | None, str]]:
    source = MarkdownSource("posts/x.md", BEFORE + body)
    html = site_markdown().convert(source.body)
    return [
        (source.locate(*violation.needles), violation.message)
        for violation in find_violations(html, PAGE_MARKUP, element_hints())
    ]


# (Markdown, words of the message, line of the problem counted from the bad input's first line)
REFUSED = {
    "comment that a browser ends at once": ('<!--><script>console.log("x")</script>-->', "<script> is not allowed", 0),
    "the same comment: it is refused itself": ('<!--><script>console.log("x")</script>-->', "HTML comments and CDATA", 0),
    "CDATA section outside SVG": ("<![CDATA[><script>alert(1)</script>]]>", "<script> is not allowed", 0),
    "CDATA section: refused itself": ("<![CDATA[><script>alert(1)</script>]]>", "HTML comments and CDATA", 0),
    "comment as a note to translators": ("Text.\n\n<!-- note -->", "HTML comments and CDATA", 2),
    "processing instruction": ("<?php echo 1; ?>", "HTML comments and CDATA", 0),
    "raw script": ("Text <script>alert(1)</script>", "<script> is not allowed in posts (posts cannot run script)", 0),
    "upper-case script with a source": ("<SCRIPT SRC=//x.example/a.js></SCRIPT>", "<script> is not allowed", 0),
    "script after a blank line in raw HTML": ("<div>\n\n<script>alert(1)</script>\n\n</div>", "<script> is not allowed", 2),
    "iframe": ('<iframe src="https://example.org"></iframe>', "use a ```space block", 0),
    "object": ('<object data="movie.swf"></object>', "<object> is not allowed", 0),
    "embed": ('<embed src="movie.swf">', "<embed> is not allowed", 0),
    "form": ('<form action="https://example.org"><input name="q"></form>', "<form> is not allowed", 0),
    "base": ('<base href="https://x.example/">', "<base> is not allowed", 0),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://x.example">', "<meta> is not allowed", 0),
    "style element": ("<style>body { display: none }</style>", "<style> is not allowed", 0),
    "noscript hiding an attribute": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "'onerror'", 0),
    "mutation through MathML": ("<math><mtext><mglyph><style><img src=x onerror=alert(1)>", "<mglyph> is not allowed", 0),
    "inline SVG": ("<svg><circle r=1></circle></svg>", "draw figures as files", 0),
    "SVG animating a link into javascript:": (
        '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
        "<animate> is not allowed",
        0,
    ),
    "MathML link": ('<math><mi href="javascript:alert(1)">x</mi></math>', "attribute 'href' on <mi>", 0),
    "textarea swallowing the page": ("<textarea>", "<textarea> is not allowed", 0),
    "attribute left open": ('Text.\n\n<p><span title="abc</p>\n\nMore text.', "markup is left open", 2),
    "element left open": ("<div>\nopen\n", "markup is left open", 0),
    "event handler in raw HTML": (
        '<img src="x.png" alt="x" onerror="alert(1)">',
        "event handler attribute 'onerror' on <img>",
        0,
    ),
    "event handler after a slash": ("<p/onclick=alert(1)>x</p>", "'onclick'", 0),
    "event handler through an attribute list": ('## Heading { #h onclick="alert(1)" }', "'onclick' on <h2>", 0),
    "javascript: link": ("[click](javascript:alert(1))", "'javascript:' URL in href= on <a>", 0),
    "data: link": ("[click](data:text/html;base64,PHNjcmlwdD4=)", "'data:' URL in href=", 0),
    "vbscript: link": ("<a href='vbscript:msgbox(1)'>x</a>", "'vbscript:' URL", 0),
    "mixed-case scheme": ('<a href="JaVaScRiPt:alert(1)">x</a>', "'javascript:' URL", 0),
    "scheme split by a tab reference": ('<a href="jav&#x09;ascript:alert(1)">x</a>', "'javascript:' URL", 0),
    "scheme behind a numeric reference": ("[x](&#106;avascript:alert(1))", "'javascript:' URL", 0),
    "scheme behind a named reference": ('<a href="javascript&colon;alert(1)">x</a>', "'javascript:' URL", 0),
    "scheme after leading spaces": ('<a href="  javascript:alert(1)">x</a>', "'javascript:' URL", 0),
    "ping": ('<a href="https://example.org" ping="https://tracker.example">x</a>', "attribute 'ping' on <a>", 0),
    "target=_blank without rel": ("[x](https://example.org){ target=_blank }", 'needs rel="noopener"', 0),
    "third-party image": ("![chart](https://tracker.example/pixel.png)", "points to another site", 0),
    "protocol-relative image": ('<img alt="x" src="//tracker.example/p.png">', "points to another site", 0),
    "image behind a backslash": ('<img alt="x" src="/\\tracker.example/p.png">', "points to another site", 0),
    "third-party image in srcset": (
        '<img alt="x" src="a.png" srcset="a.png 1x, https://tracker.example/b.png 2x">',
        "srcset=",
        0,
    ),
    "data: image": ('<img alt="x" src="data:image/svg+xml,<svg onload=alert(1)>">', "'data:' URL", 0),
    "style with a URL": ('<p style="background: url(https://tracker.example/p.png)">x</p>', "attribute 'style' on <p>", 0),
    "table cell style with a URL": (
        '<table><tr><td style="background: url(https://tracker.example/p.png)">x</td></tr></table>',
        "only plain declarations",
        0,
    ),
    "data attribute on an element no feature writes it on": ('<p data-src="https://evil.example/">x</p>', "'data-src' on <p>", 0),
}

ALLOWED = {
    "prose, emphasis and code": "Text with *emphasis*, **strength** and `code <script>`.",
    "https link with a query": "[x](https://example.org/?a=1&b=2)",
    "relative link and anchor": "[x](../other/#part) and [y](#part)",
    "mail": "<team@example.org>",
    "code block about scripts": "```html\n<script>alert(1)</script>\n```",
    "the word on in prose": "It depends on the data, on= signs and onerror as a word.",
    "local image": "![A chart](assets/x/chart.png)",
    "link that opens a new tab safely": "[x](https://example.org){ target=_blank rel=noopener }",
    "aligned table": "| a | b |\n| :-- | --: |\n| 1 | 2 |",
    "footnote": "Claim.[^1]\n\n[^1]: Source.",
    "admonition and details": '!!! note "Title"\n    Body.\n\n??? tip "More"\n    Hidden.',
    "abbreviation": "HTML is fun.\n\n*[HTML]: Hyper Text Markup Language",
    "raw HTML that Markdown would write": "<details><summary>More</summary><p>Text.</p></details>",
}


@pytest.mark.parametrize("body, words, line", REFUSED.values(), ids=list(REFUSED))
def test_refused_with_its_message_on_its_line(body, words, line):
    found = problems(body)
    matching = [(at, message) for at, message in found if words in message]
    assert matching, found
    expected_line = None if line is None else FIRST_LINE + line
    assert any(at == expected_line for at, _ in matching), (expected_line, found)


@pytest.mark.parametrize("body", ALLOWED.values(), ids=list(ALLOWED))
def test_allowed(body):
    assert problems(body) == []


def test_the_end_marker_never_shows_in_a_message():
    """The check appends markup to find what is left open; the open markup must not leak it into messages."""
    for body in ('<span title="abc', "<p x='", "<!-- open"):
        for _, message in problems(body):
            assert "data-fn-end" not in message and "markup is left open" in message


@pytest.mark.parametrize(
    "value, scheme",
    [("https://x", "https"), ("java\tscript:x", "javascript"), (" \x00javascript:x", "javascript"), ("a/b:c", None)],
)
def test_url_scheme_is_read_as_a_browser_reads_it(value, scheme):
    assert url_scheme(value) == scheme
