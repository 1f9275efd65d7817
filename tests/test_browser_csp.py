"""What the Content-Security-Policy stops in Chromium: markup put into a built page after the fact.

The build refuses such markup in posts; this is the second line. The policy names no hash, so a
script that the build did not write (here, one added to the finished page) gets no exception, nor
does an event handler, a javascript: link, a frame from another site or a third-party image.
"""

from __future__ import annotations

import re

import pytest

from browser import serve
from sitebuilder import build, make_project, post

pytestmark = pytest.mark.browser

RECORD = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""
# Resolves with the reports once the page has made at least `count` of them. Playwright's own
# wait_for_function evaluates its predicate from a string, which this very policy forbids.
REPORTS = """count => new Promise(resolve => {
  const check = () => { if (window.__violations.length >= count) resolve(window.__violations); };
  document.addEventListener("securitypolicyviolation", () => setTimeout(check));
  check();
})"""
INJECTED = """
<script>window.__ran = "inline script";</script>
<img id="handler" src="missing.png" alt="" onerror="window.__ran = 'event handler'">
<a id="link" href="javascript:window.__ran = 'javascript: link'">click</a>
<img id="tracker" src="https://tracker.example/pixel.png" alt="">
<iframe src="https://evil.example/"></iframe>
"""


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("csp"), {"posts/alpha.md": post("Alpha", "2023-05-24", "Text.")})
    result = build(root)
    assert result.returncode == 0, result.output
    page = result.site / "posts" / "alpha" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<p>Text.</p>", "<p>Text.</p>" + INJECTED, 1), encoding="utf-8")
    with serve(result.site) as url:
        yield url, html


def test_the_policy_names_no_script_but_the_site_s_files(injected_site):
    _, html = injected_site
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "sha256-" not in policy and "unsafe-inline" not in directives["script-src"]


def test_markup_added_after_the_build_runs_nothing_and_loads_nothing(injected_site, browser):
    url, _ = injected_site
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    outside = {}  # URL of another host -> how its request ended
    page.on("request", lambda request: outside.setdefault(request.url, "sent") if "example/" in request.url else None)
    page.on("requestfailed", lambda request: outside.__setitem__(request.url, request.failure))
    page.goto(url + "posts/alpha/", wait_until="load")
    loaded = page.evaluate(REPORTS, 4)
    assert {"frame-src", "img-src", "script-src-attr", "script-src-elem"} <= set(loaded), loaded
    before = len(page.evaluate("window.__violations"))
    page.locator("#link").click()
    clicked = page.evaluate(REPORTS, before + 1)
    assert clicked[before].startswith("script-src"), clicked
    assert page.evaluate("window.__ran") is None
    # Chromium reports the image's request, then fails it in the renderer: nothing reached the network.
    # The failure comes as an event of its own, so frames pass until no request to another host is open.
    for _ in range(120):
        if outside and "sent" not in outside.values():
            break
        page.evaluate("() => new Promise(requestAnimationFrame)")
    assert outside and all(how == "csp" for how in outside.values()), outside
    # The page's own scripts still run: Material's bundle and ours set up the header.
    assert page.evaluate("typeof window.__md_get") == "function"
    context.close()
