"""Every page of the real site in Chromium: no CSP violation, no script error, no request off the machine."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser import serve
from realsite import pages

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""
# Once the page has nothing left to do after loading, the reports of what it did have been delivered.
IDLE = "() => new Promise((done) => requestIdleCallback(done))"


@pytest.fixture(scope="module")
def site(real_site):
    with serve(real_site) as url:
        yield real_site, url


def test_every_page_loads_under_the_csp_without_leaving_the_machine(site, browser):
    site_dir, base = site
    local = urlsplit(base).netloc
    checked, problems = 0, []
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in pages(site_dir):
        requests.clear()
        errors.clear()
        page.goto(base + path, wait_until="load")
        page.evaluate(IDLE)
        violations = page.evaluate("window.__cspViolations")
        external = [url for url in requests if urlsplit(url).netloc not in (local, "")]
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
        for problem in violations + errors + [f"request to {url}" for url in external]:
            problems.append(f"{path}: {problem}")
        checked += 1
    context.close()
    print(f"{checked} pages checked under the CSP")
    assert checked > 50
    assert problems == []
