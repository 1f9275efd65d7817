"""Every page of the real site through the W3C Nu Html Checker (npm vnu-jar, run with Debian's Java).

Nothing of ours may be an error. What Material's own templates emit, and we cannot change without
copying its base template, is listed below by message, each with its reason.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest

from realsite import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
THEME_ERRORS = {
    # base.html's __drawer and __search toggles: Material sets autocomplete="off" on its checkboxes so that
    # Firefox does not restore an open drawer or search when going back; the attribute is only allowed on text inputs.
    "Attribute “autocomplete” is only allowed when the input type is": "Material's base.html: its two toggles",
}
# The checker reads the pages as file: URLs, which the pages' Content-Security-Policy ('self') does not cover;
# the policy itself is checked in a browser over http (test_browser_site.py).
FILE_ORIGIN_NOTICE = "violates Content Security Policy"


@pytest.fixture(scope="module")
def checked(real_site) -> tuple[list[dict], int]:
    """The checker's messages on every page, and the number of pages."""
    process = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(real_site)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(process.stderr)
    return report["messages"], len(list(real_site.rglob("*.html")))


def theme_reason(message: str) -> str | None:
    return next((reason for prefix, reason in THEME_ERRORS.items() if message.startswith(prefix)), None)


def test_no_page_has_an_error_or_warning_of_ours(checked):
    messages, pages = checked
    assert pages > 70
    ours = [
        message
        for message in messages
        if (message["type"] == "error" or message.get("subType") == "warning")
        and FILE_ORIGIN_NOTICE not in message["message"]
        and theme_reason(message["message"]) is None
    ]
    details = "\n".join(f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in ours)
    assert ours == [], details


def test_each_listed_theme_error_still_occurs(checked):
    """A listed exception that no longer happens is taken out of the list, so the list stays honest."""
    messages, _ = checked
    seen = Counter(theme_reason(message["message"]) for message in messages if message["type"] == "error")
    for reason in THEME_ERRORS.values():
        assert seen[reason] > 0, f"no longer reported, remove it from THEME_ERRORS: {reason}"
