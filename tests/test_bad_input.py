"""Bad posts and registries fail the build with a message naming the file (and line), never a traceback."""

from __future__ import annotations

import re

import pytest

from sitebuilder import build, make_project, post

GOOD_EN = post("Good post", "2023-05-24", "Intro.\n\n## Part { #part }\n\nText.")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


GOOD_JA = post(
    "良い記事", "2023-05-24", "導入。\n\n## 部分 { #part }\n\n本文。", translators=["editors"], source_digest="000000000000"
)

LINKED = GOOD_EN.replace("Text.", "See [that](missing-post.md).")
ANCHORED = GOOD_EN.replace("Text.", "See [that](#nowhere).")
IMAGED = GOOD_EN.replace("Text.", "![A chart](assets/good/chart.svg)")
JA_LINKED = GOOD_JA.replace("本文。", "[リンク](nothing.md)")

CASES = {
    "front matter is not YAML": (
        {"posts/bad.md": "---\ntitle: [unclosed\ndate: 2023-01-01\n---\nBody\n"},
        ["posts/bad.md:3", "not valid YAML"],
    ),
    "front matter is not a mapping": ({"posts/bad.md": "---\n- a\n- b\n---\nBody\n"}, ["posts/bad.md:2", "must be a mapping"]),
    "no front matter": ({"posts/bad.md": "# Title\n\nBody\n"}, ["posts/bad.md:1", "must start with YAML front matter"]),
    "missing title": (
        {"posts/bad.md": "---\ndate: 2023-01-01\nauthors: [hana]\n---\nBody\n"},
        ["posts/bad.md:2", "missing required key 'title'"],
    ),
    "missing date": (
        {"posts/bad.md": "---\ntitle: T\nauthors: [hana]\n---\nBody\n"},
        ["posts/bad.md:2", "missing required key 'date'", "YYYY-MM-DD"],
    ),
    "missing authors": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-01-01\n---\nBody\n"},
        ["posts/bad.md:2", "missing required key 'authors'"],
    ),
    "date is not a date": (
        {"posts/bad.md": "---\ntitle: T\ndate: 24 May 2023\nauthors: [hana]\n---\nBody\n"},
        ["posts/bad.md:3", "'date'", "YYYY-MM-DD"],
    ),
    "impossible date": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-02-30\nauthors: [hana]\n---\nBody\n"},
        ["posts/bad.md", "not valid YAML"],
    ),
    "updated before date": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-05-24\nupdated: 2023-01-01\nauthors: [hana]\n---\nBody\n"},
        ["posts/bad.md:4", "'updated' (2023-01-01) is before 'date'"],
    ),
    "unknown author": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-05-24\nauthors: [hanna]\n---\nBody\n"},
        ["posts/bad.md:4", "unknown author 'hanna'", "Did you mean 'hana'"],
    ),
    "unknown translator": (
        {"posts/good.md": GOOD_EN, "ja/good.md": GOOD_JA.replace("editors", "nobody")},
        ["ja/good.md", "unknown author 'nobody'"],
    ),
    "unknown tag": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-05-24\nauthors: [hana]\ntags: [quantisation]\n---\nBody\n"},
        ["posts/bad.md:5", "unknown tag 'quantisation'", "Did you mean 'quantization'"],
    ),
    "misspelt key": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-05-24\nauthors: [hana]\ntgas: [llm]\n---\nBody\n"},
        ["posts/bad.md:5", "unknown key 'tgas'", "Did you mean 'tags'"],
    ),
    "draft is not a boolean": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-05-24\nauthors: [hana]\ndraft: maybe\n---\nBody\n"},
        ["posts/bad.md:5", "'draft'", "true or false"],
    ),
    "empty author list": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-05-24\nauthors: []\n---\nBody\n"},
        ["posts/bad.md:4", "'authors'", "e.g. [hana]"],
    ),
    "title is a number": (
        {"posts/bad.md": "---\ntitle: 42\ndate: 2023-05-24\nauthors: [hana]\n---\nBody\n"},
        ["posts/bad.md:2", "'title'", "non-empty text"],
    ),
    "front matter without body": (
        {"posts/bad.md": "---\ntitle: T\ndate: 2023-05-24\nauthors: [hana]\n---\n\n"},
        ["posts/bad.md", "no text"],
    ),
    "empty file": ({"posts/bad.md": ""}, ["posts/bad.md", "the file is empty"]),
    "not UTF-8": (
        {"posts/bad.md": b"---\ntitle: caf\xe9\ndate: 2023-05-24\nauthors: [hana]\n---\nBody\n"},
        ["posts/bad.md", "not UTF-8"],
    ),
    "slug not URL-safe": ({"posts/My_Post.md": GOOD_EN}, ["posts/My_Post.md", "not a URL-safe slug"]),
    "reserved slug": ({"posts/page.md": GOOD_EN}, ["posts/page.md", "reserved"]),
    "duplicate slug": ({"posts/good.md": GOOD_EN, "posts/GOOD.md": GOOD_EN}, ["duplicate slug", "posts/good.md"]),
    "Japanese date differs from the original": (
        {"posts/good.md": GOOD_EN, "ja/good.md": GOOD_JA.replace("2023-05-24", "2023-05-25")},
        ["ja/good.md:3", "keep the original's date"],
    ),
    "Japanese tags differ from the original": (
        {"posts/good.md": GOOD_EN, "ja/good.md": GOOD_JA.replace("- llm", "- ethics")},
        ["ja/good.md", "keep the original's tags"],
    ),
    "translation of a post that does not exist": (
        {"ja/orphan.md": GOOD_JA},
        ["ja/orphan.md", "translation ('source_digest') of a post that does not exist"],
    ),
    "two originals": (
        {"posts/good.md": GOOD_EN, "ja/good.md": re.sub(r"source_digest: .*\n", "", GOOD_JA)},
        ["ja/good.md", "claim to be the original", "source_digest"],
    ),
    "broken internal link": (
        {"posts/good.md": LINKED},
        [f"posts/good.md:{line_of(LINKED, 'missing-post.md')}", "missing-post.md"],
    ),
    "link to a missing anchor": (
        {"posts/good.md": ANCHORED},
        [f"posts/good.md:{line_of(ANCHORED, '#nowhere')}", "#nowhere", "no such anchor"],
    ),
    "missing image": ({"posts/good.md": IMAGED}, [f"posts/good.md:{line_of(IMAGED, 'chart.svg')}", "assets/good/chart.svg"]),
    "broken link in a translation": (
        {"posts/good.md": GOOD_EN, "ja/good.md": JA_LINKED},
        [f"ja/good.md:{line_of(JA_LINKED, 'nothing.md')}", "nothing.md"],
    ),
}

# The content policy at build level: the message, on the line of the Markdown that wrote it (every
# vector, with its line, is in test_content_policy.py; these prove the build stops on them).
UNSAFE_BODIES = {
    "comment that a browser ends at once": ('<!--><script>console.log("x")</script>-->', "<script> is not allowed"),
    "CDATA section outside SVG": ("<![CDATA[><script>alert(1)</script>]]>", "HTML comments and CDATA sections"),
    "raw iframe": ('<iframe src="https://example.org"></iframe>', "<iframe> is not allowed"),
    "event handler through attribute list": ('## Heading { #h onclick="alert(1)" }', "'onclick'"),
    "javascript: link behind a character reference": ("[click](jav&#x09;ascript:alert(1))", "'javascript:' URL in href="),
    "ping": ('<a href="https://example.org" ping="https://tracker.example">x</a>', "attribute 'ping' on <a>"),
    "target=_blank without rel": ("[x](https://example.org){ target=_blank }", 'needs rel="noopener"'),
    "third-party image": ("![chart](https://tracker.example/pixel.png)", "points to another site"),
    "SVG animating a link": ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "<svg> is not allowed"),
}

for name, (body, message) in UNSAFE_BODIES.items():
    text = GOOD_EN.replace("Text.", body)
    CASES[f"unsafe HTML: {name}"] = (
        {"posts/good.md": text},
        [f"posts/good.md:{line_of(text, body.splitlines()[0][:12])}", message, "CONTRIBUTING.md lists them"],
    )

SCRIPTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(document.domain)</script>\n</svg>\n'
# Files beside the posts are served at their own URL, where no Content-Security-Policy applies.
UNSAFE_FILES = {
    "SVG with a script": ("posts/assets/good/chart.svg", SCRIPTED_SVG, "posts/assets/good/chart.svg:2: <script> is not allowed"),
    "SVG with an event handler": (
        "posts/assets/good/chart.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "posts/assets/good/chart.svg:1: event handler attribute 'onload'",
    ),
    "SVG animating a link": (
        "posts/assets/good/chart.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
        "<set> is not allowed",
    ),
    "SVG loading another site": (
        "posts/assets/good/chart.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
        "refers outside the drawing",
    ),
    "HTML page": (
        "posts/assets/good/page.html",
        "<script>alert(1)</script>",
        "posts/assets/good/page.html: is not a type the site publishes",
    ),
    "JavaScript file": ("posts/assets/good/x.js", "alert(1)", "posts/assets/good/x.js: is not a type the site publishes"),
    "HTML named as an image": ("posts/assets/good/x.png", "<html><script>alert(1)</script>", "is not a PNG image"),
    "markup in a structure file": (
        "posts/assets/good/x.pdb",
        "<html><script>alert(1)</script>",
        "not a plain-text structure file",
    ),
    "SVG in docs/": ("docs/assets/evil.svg", SCRIPTED_SVG, "docs/assets/evil.svg:2: <script> is not allowed"),
}

for name, (path, content, message) in UNSAFE_FILES.items():
    CASES[f"unsafe file: {name}"] = ({"posts/good.md": GOOD_EN, path: content}, [message, "the files the site publishes"])

BAD_TEX = {  # the formula, the text on the line the message must name, the renderer's words
    "unbalanced braces": ("$\\frac{a}{b$", "\\frac{a}{b", "Unexpected end of input in a macro argument"),
    "undefined macro": ("$$\n\\foo + 1\n$$", "\\foo", "Unsupported function name: \\foo"),
    "unknown environment": ("\\begin{matrx}\na\n\\end{matrx}", "\\begin{matrx}", "No such environment: matrx"),
}

for name, (formula, needle, words) in BAD_TEX.items():
    text = GOOD_EN.replace("Text.", f"Before.\n\n{formula}\n\nAfter.")
    CASES[f"bad TeX: {name}"] = (
        {"posts/good.md": text},
        [f"posts/good.md:{line_of(text, needle)}", "cannot be typeset", words],
    )

REGISTRY_CASES = {
    "author registry is not YAML": ("authors.yml", "hana: [\n", ["authors.yml", "not valid YAML"]),
    "author registry is a list": ("authors.yml", "- hana\n", ["authors.yml", "mapping of ids"]),
    "author without a name": ("authors.yml", "hana:\n  bio: Writes.\n", ["authors.yml:1", "the name needs a text"]),
    "author with a misspelt key": (
        "authors.yml",
        "hana:\n  name: Hana\n  avatr: x.svg\n",
        ["authors.yml:3", "unknown key 'avatr'", "Did you mean 'avatar'"],
    ),
    "author link not https": (
        "authors.yml",
        "hana:\n  name: Hana\n  url: http://example.com\n",
        ["authors.yml:3", "must start with https://"],
    ),
    "tag without a Japanese label (a warning, so --strict fails)": (
        "tags.yml",
        "llm: {en: LLMs}\n",
        ["tags.yml:1", "the label has no 'ja' text; using the 'en' one", "Aborted with 1 warnings in strict mode"],
    ),
    "avatar outside docs/": (
        "authors.yml",
        "hana:\n  name: Hana\n  avatar: ../../../../etc/passwd\n",
        ["authors.yml:3", "avatar must be an image inside docs/"],
    ),
    "avatar that is not a file": (
        "authors.yml",
        "hana:\n  name: Hana\n  avatar: assets/authors/nobody.svg\n",
        ["authors.yml", "the avatar assets/authors/nobody.svg is not a file in docs/"],
    ),
    "tag label in a language the site does not have": (
        "tags.yml",
        "llm: {en: LLMs, ja: LLM, jp: LLM}\n",
        ["tags.yml:1", "'jp' is not a language of the site (en, ja)"],
    ),
}


def assert_fails_clearly(result, expected: list[str]) -> None:
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for text in expected:
        assert text in result.output, f"{text!r} not in:\n{result.output}"


@pytest.mark.parametrize("files, expected", CASES.values(), ids=list(CASES))
def test_bad_post(tmp_path, files, expected):
    assert_fails_clearly(build(make_project(tmp_path, files)), expected)


@pytest.mark.parametrize("name, content, expected", REGISTRY_CASES.values(), ids=list(REGISTRY_CASES))
def test_bad_registry(tmp_path, name, content, expected):
    root = make_project(tmp_path, {"posts/good.md": GOOD_EN})
    (root / name).write_text(content, encoding="utf-8")
    assert_fails_clearly(build(root), expected)


@pytest.mark.parametrize(
    "link, target",
    [("posts/assets/good/passwd.pdb", "/etc/passwd"), ("posts/linked.md", "/etc/hostname"), ("docs/assets/outside", "/etc")],
    ids=["structure file", "post", "folder in docs"],
)
def test_symlinks_are_refused(tmp_path, link, target):
    """A link could publish any file the build machine can read."""
    root = make_project(tmp_path, {"posts/good.md": GOOD_EN})
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(target)
    assert_fails_clearly(build(root), [link, "is a symbolic link"])
    assert not (root / "site").exists()


def test_good_input_builds(tmp_path):
    result = build(make_project(tmp_path, {"posts/good.md": GOOD_EN, "ja/good.md": GOOD_JA}))
    assert result.returncode == 0, result.output
