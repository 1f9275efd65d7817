"""Reader budgets on every build: bytes before any interaction, 3Dmol.js only on demand, and no
serious or critical axe-core violation. Lighthouse is too slow for every build; it runs, with these
same checks, in benchmarks/reader_audit.py."""

from __future__ import annotations

import sys

import pytest

from browser import serve
from realsite import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from reader_audit import (
    LIBRARY,
    PAGES,
    TRANSFER_BUDGET,
    CompressingHandler,
    file_names,
    largest,
    measure_transfer,
    serious_violations,
)

pytestmark = pytest.mark.browser


def by_path(pages):
    return pytest.mark.parametrize("page", pages, ids=[f"/{page.path}" for page in pages])


@pytest.fixture(scope="module")
def site_url(real_site):
    with serve(real_site, CompressingHandler) as url:
        yield url


@by_path([page for page in PAGES if page.kind == "text"])
def test_a_text_only_post_transfers_at_most_150_kb_before_any_interaction(site_url, browser, page):
    transfer = measure_transfer(browser, site_url + page.path, scroll_viewers=False)
    assert transfer.bytes_before <= TRANSFER_BUDGET, largest(transfer.before, 5)


@by_path([page for page in PAGES if page.viewers])
def test_a_viewer_post_loads_3dmol_only_once_a_viewer_is_scrolled_into_view(site_url, browser, page):
    transfer = measure_transfer(browser, site_url + page.path, scroll_viewers=True)
    assert LIBRARY not in file_names(transfer.before)
    assert transfer.bytes_before <= TRANSFER_BUDGET, largest(transfer.before, 5)
    assert LIBRARY in file_names(transfer.after)


@by_path(PAGES)
def test_no_serious_or_critical_axe_violation(site_url, browser, page):
    violations = serious_violations(browser, site_url + page.path)
    assert violations == [], "\n".join(violations)
