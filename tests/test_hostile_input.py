"""Property: whatever text reaches a template or an HTML attribute, the built site runs no script.

Each example is a batch of posts whose front matter (title, description) and free-text fence
options (caption, title) are generated strings and markup; one build checks the whole batch.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitebuilder import build, make_project

PAYLOADS = [
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "javascript:alert(1)",
    '" onmouseover="alert(1)',
    "<svg onload=alert(1)>",
    "{{ config }}",
    "</textarea><iframe src=//evil.example>",
    "&lt;script&gt;",
    "-->\n<script>x</script><!--",
]
POSTS_PER_BUILD = 40
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "srcset"}
BAD_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)

text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
hostile = st.one_of(st.sampled_from(PAYLOADS), text, st.builds(lambda a, b: a + b, text, st.sampled_from(PAYLOADS)))
visible = hostile.filter(lambda value: value.strip() != "")


def post_text(index: int, title: str, description: str, caption: str, space_title: str) -> str:
    front = yaml.safe_dump({"title": title, "description": description}, allow_unicode=True, width=10_000)
    options = yaml.safe_dump({"pdb": "1L2Y", "caption": caption}, allow_unicode=True, width=10_000)
    space = yaml.safe_dump({"id": "simonduerr/3dmol.js", "title": space_title}, allow_unicode=True, width=10_000)
    return (
        f"---\n{front}date: 2023-01-{1 + index % 28:02d}\nauthors: [hana]\ntags: [llm]\n---\n\n"
        f"Intro {index}.\n\n```3dmol\n{options}```\n\n```space\n{space}```\n"
    )


class ScriptScanner(HTMLParser):
    """Collects every script, event handler and script URL in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.scripts: list[str] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"iframe", "object", "embed", "base"}:  # Material itself ships the search <form>
            self.findings.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value and BAD_SCHEMES.match(value):
                self.findings.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            self._in_script = attributes
            self.scripts.append(attributes.get("src") or "")

    def handle_data(self, data):
        if self._in_script is None or self._in_script.get("src"):
            return
        kind = self._in_script.get("type")
        if kind == "application/ld+json":
            # Structured data is never run, but hostile text must not break out of it: it stays one JSON value.
            json.loads(data)
            self.scripts[-1] = "json-ld"
        elif kind != "application/json":
            # Material's inline script embeds the page's relative path to the site root.
            self.scripts[-1] = "inline:" + re.sub(r'URL\("[^"]*"', 'URL("."', data.strip())

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def scan(site: Path) -> tuple[list[str], set[str]]:
    findings, scripts = [], set()
    for page in site.rglob("*.html"):
        scanner = ScriptScanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        findings += [f"{page.relative_to(site)}: {finding}" for finding in scanner.findings]
        scripts |= set(scanner.scripts)
    return findings, scripts


REFERENCE = {}


def reference_scripts(tmp_path_factory) -> set[str]:
    """The scripts a site with harmless text ships: the only ones a hostile site may have."""
    if not REFERENCE:
        root = make_project(
            tmp_path_factory.mktemp("reference"),
            {f"posts/p{i}.md": post_text(i, "Title", "Text", "Caption", "Demo") for i in range(2)},
        )
        result = build(root)
        assert result.returncode == 0, result.output
        findings, scripts = scan(result.site)
        assert findings == []
        REFERENCE["scripts"] = {s if s.startswith("inline:") else re.sub(r"^(\.\./)+", "", s) for s in scripts}
    return REFERENCE["scripts"]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(visible, hostile, hostile, hostile), min_size=POSTS_PER_BUILD, max_size=POSTS_PER_BUILD))
def test_generated_front_matter_and_fence_text_never_runs_script(tmp_path_factory, batch):
    allowed = reference_scripts(tmp_path_factory)
    posts = {f"posts/p{i}.md": post_text(i, *values) for i, values in enumerate(batch)}
    result = build(make_project(tmp_path_factory.mktemp("hostile"), posts))
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    findings, scripts = scan(result.site)
    assert findings == []
    shipped = {s if s.startswith("inline:") else re.sub(r"^(\.\./)+", "", s) for s in scripts}
    assert shipped <= allowed, shipped - allowed
