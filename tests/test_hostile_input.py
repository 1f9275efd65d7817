"""Properties: whatever a pull request writes, nothing it wrote runs on the site.

- The content policy against an independent HTML parser (html5lib, another implementation of the
  WHATWG algorithm): markup the policy lets through holds nothing a browser would run or load.
- The SVG check against an independent XML reader: a figure it lets through is inert at its own URL.
- Whole builds with generated text in every front-matter field, free-text fence option and registry
  field: the build succeeds and the site ships only the scripts of a harmless site. Each example is a
  build, so shrinking is off (a failure names the post or registry entry and its values instead) and
  the number of examples is small.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from fieldnotes.core.asset_policy import svg_problems
from fieldnotes.core.content_policy import find_violations, url_scheme
from fieldnotes.core.features import page_markup
from fieldnotes.core.validation import is_text
from sitebuilder import build, make_project

PAGE_MARKUP = page_markup()
PAYLOADS = [
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    '" onmouseover="alert(1)',
    "<svg onload=alert(1)>",
    "{{ config }}",
    "{% raw %}",
    "</textarea><iframe src=//evil.example>",
    "&lt;script&gt;",
    "-->\n<script>x</script><!--",
    "<!--><script>x</script>-->",
    "]]><script>x</script>",
    "\u2028\u2029</p>",
]
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
hostile = st.one_of(st.sampled_from(PAYLOADS), text, st.builds(lambda a, b: a + b, text, st.sampled_from(PAYLOADS)))
# What the build accepts as a required text, by the rule the build itself uses.
required = hostile.filter(is_text)


# -- the content policy against html5lib -------------------------------------------------------------

TAGS = ["p", "a", "img", "span", "div", "script", "svg", "math", "mi", "style", "noscript", "textarea", "table", "td"]
ATTRIBUTES = ["href", "src", "srcset", "title", "onerror", "style", "target", "rel", "xlink:href", "data-src", "ping"]
VALUES = ["x", "javascript:alert(1)", "jav&#x09;ascript:1", "&#106;avascript:1", "https://e.x/", "//e.x/a.png", "a.png"]
VALUES += ["_blank", "noopener", '"', "'", "url(//e.x)", ">"]
QUOTES = ['"', "'", ""]
pieces = st.one_of(
    st.builds(lambda t: f"<{t}", st.sampled_from(TAGS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.builds(lambda a, q, v: f" {a}={q}{v}{q}", st.sampled_from(ATTRIBUTES), st.sampled_from(QUOTES), st.sampled_from(VALUES)),
    st.sampled_from([">", "/>", "<!--", "-->", "<!-->", "<![CDATA[", "]]>", "<?x ", "&lt;", "&", "text ", "\n", "<", "=", '"']),
)
fragments = st.lists(pieces, max_size=25).map("".join)

URL_ATTRIBUTES = {"href", "src", "srcset", "xlink:href", "action", "formaction", "data"}
RUNNING_ELEMENTS = {"script", "iframe", "object", "embed", "style", "base", "meta", "link", "frame", "form", "noscript", "svg"}


def executable_parts(fragment: str) -> list[str]:
    """What a browser would run, load or hide in `fragment`, as html5lib parses it in a <div>."""
    found = []
    tree = html5lib.parseFragment(fragment, container="div", namespaceHTMLElements=False)
    for node in tree.iter():
        if not isinstance(node.tag, str):  # a comment
            found.append("comment")
            continue
        local = node.tag.rpartition("}")[2]
        if local in RUNNING_ELEMENTS:
            found.append(f"<{local}>")
        for name, value in node.attrib.items():
            name = name.rpartition("}")[2] if isinstance(name, str) else name[1]
            if name.lower().startswith("on"):
                found.append(f"{name}= on <{local}>")
            elif name in URL_ATTRIBUTES and url_scheme(value) not in (None, "http", "https", "mailto"):
                found.append(f"{name}={value!r}")
    return found


@settings(max_examples=600, deadline=None)
@given(fragments)
@example('<!--><script>console.log("x")</script>-->')
@example("<![CDATA[><script>x</script>]]>")
@example('<a href="jav&#x09;ascript:alert(1)">x</a>')
def test_what_the_policy_allows_html5lib_finds_harmless(fragment):
    if find_violations(fragment, PAGE_MARKUP):
        return
    assert executable_parts(fragment) == []


# -- the SVG check against an XML reader -------------------------------------------------------------

SVG_CHILDREN = [
    '<rect width="1" height="1" fill="url(#g)"/>',
    '<use href="#g"/>',
    '<image href="data:image/png;base64,iVBORw0KGgo="/>',
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)"><text>x</text></a>',
    '<animate attributeName="href" values="javascript:alert(1)"/>',
    '<set attributeName="href" to="javascript:alert(1)"/>',
    "<foreignObject><p>x</p></foreignObject>",
    '<image href="https://e.x/p.png"/>',
    '<use xlink:href="https://e.x/s.svg#a"/>',
    "<style>@import url(https://e.x/a.css);</style>",
    '<rect style="fill: url(https://e.x/p.svg#p)"/>',
    '<circle r="1" onclick="alert(1)"/>',
    '<g onload="alert(1)"><text>x</text></g>',
    '<text xml:base="https://e.x/">x</text>',
]
svgs = st.lists(st.sampled_from(SVG_CHILDREN), max_size=6).map(
    lambda children: (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">' + "".join(children) + "</svg>"
    )
)
ACTIVE_SVG = {"script", "foreignObject", "animate", "set", "animateMotion", "animateTransform", "a", "iframe"}
EXTERNAL_URL_RE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def active_parts(svg: str) -> list[str]:
    found = []
    for node in ET.fromstring(svg).iter():
        local = node.tag.rpartition("}")[2]
        if local in ACTIVE_SVG:
            found.append(f"<{local}>")
        for name, value in node.attrib.items():
            local_name = name.rpartition("}")[2]
            if local_name.startswith("on") or local_name == "base":
                found.append(local_name)
            elif local_name == "href" and not value.startswith(("#", "data:image/png;base64,")):
                found.append(f"href={value}")
            elif EXTERNAL_URL_RE.search(value):
                found.append(f"{local_name}={value}")
        if local == "style" and ("@import" in (node.text or "") or EXTERNAL_URL_RE.search(node.text or "")):
            found.append("<style> that loads")
    return found


@settings(max_examples=300, deadline=None)
@given(svgs)
def test_a_figure_the_check_allows_is_inert(svg):
    if svg_problems(svg.encode()):
        return
    assert active_parts(svg) == []


# -- whole builds --------------------------------------------------------------------------------------

POSTS_PER_BUILD = 20
URL_ATTRS_IN_PAGES = {"href", "src", "action", "formaction", "poster", "data", "srcset"}


def post_text(index: int, title: str, description: str, caption: str, space_title: str) -> str:
    front = yaml.safe_dump({"title": title, "description": description}, allow_unicode=True, width=10_000)
    options = yaml.safe_dump({"pdb": "1L2Y", "caption": caption}, allow_unicode=True, width=10_000)
    space = yaml.safe_dump({"id": "simonduerr/3dmol.js", "title": space_title}, allow_unicode=True, width=10_000)
    return (
        f"---\n{front}date: 2023-01-{1 + index % 28:02d}\nauthors: [hana]\ntranslators: [editors]\ntags: [llm]\n---\n\n"
        f"Intro {index}.\n\n```3dmol\n{options}```\n\n```space\n{space}```\n"
    )


def registries(name: str, bio: str, label: str, url_tail: str) -> dict[str, str]:
    authors = {
        "hana": {
            "name": {"en": name, "ja": name},
            "bio": {"en": bio, "ja": bio},
            "avatar": "assets/authors/hana.svg",
            "url": "https://example.org/" + url_tail,
        },
        "editors": {"name": name, "bio": bio},
    }
    tags = {"llm": {"en": label, "ja": label}}
    return {
        "authors.yml": yaml.safe_dump(authors, allow_unicode=True, width=10_000),
        "tags.yml": yaml.safe_dump(tags, allow_unicode=True, width=10_000),
    }


def scan(site: Path) -> tuple[list[str], set[str]]:
    """Every script element, event handler and script URL of every page, read by html5lib."""
    findings, scripts = [], set()
    for page in sorted(site.rglob("*.html")):
        document = html5lib.parse(page.read_text(encoding="utf-8"), namespaceHTMLElements=False)
        for node in document.iter():
            if not isinstance(node.tag, str):
                continue
            for name, value in node.attrib.items():
                if name.lower().startswith("on"):
                    findings.append(f"{page.relative_to(site)}: {name}= on <{node.tag}>")
                if name in URL_ATTRS_IN_PAGES and url_scheme(value) in ("javascript", "vbscript"):
                    findings.append(f"{page.relative_to(site)}: {name}={value!r} on <{node.tag}>")
            if node.tag == "script":
                kind = node.get("type", "")
                if kind == "application/ld+json":
                    json.loads(node.text or "")  # hostile text must not break out of the structured data
                elif kind != "application/json":
                    scripts.add(re.sub(r"^(\.\./)+", "", node.get("src", "inline")))
    return findings, scripts


REFERENCE: dict[str, set[str]] = {}


def reference_scripts(tmp_path_factory) -> set[str]:
    """The scripts a site with harmless text ships: the only ones a hostile site may have."""
    if not REFERENCE:
        posts = {f"posts/p{i}.md": post_text(i, "Title", "Text", "Caption", "Demo") for i in range(2)}
        result = build(make_project(tmp_path_factory.mktemp("reference"), posts))
        assert result.returncode == 0, result.output
        findings, REFERENCE["scripts"] = scan(result.site)
        assert findings == []
        assert "inline" not in REFERENCE["scripts"]
    return REFERENCE["scripts"]


@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(st.tuples(required, required, hostile, hostile), min_size=POSTS_PER_BUILD, max_size=POSTS_PER_BUILD),
    st.tuples(required, required, required, hostile),
)
def test_generated_text_in_posts_and_registries_never_runs(tmp_path_factory, batch, registry):
    allowed = reference_scripts(tmp_path_factory)
    posts = {f"posts/p{i}.md": post_text(i, *values) for i, values in enumerate(batch)}
    result = build(make_project(tmp_path_factory.mktemp("hostile"), posts, extra_files=registries(*registry)))
    named = "\n".join(f"p{i}: {values!r}" for i, values in enumerate(batch)) + f"\nregistries: {registry!r}"
    assert result.returncode == 0, result.output + named
    assert "Traceback" not in result.output
    findings, scripts = scan(result.site)
    assert findings == [], named
    assert scripts <= allowed, (scripts - allowed, named)
