"""Fixtures every tier may use."""

from __future__ import annotations

import fcntl
import os

import pytest

from realsite import build_real_site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site, built once per run: `make test`'s workers share one build (the first builds it,
    the others wait for it), as they share their temporary folder's parent."""
    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent
    site = shared / "real-site" / "site"
    with open(shared / "real-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").is_file():  # a build moves its site into place only when it succeeded
            build_real_site(site)
    return site


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, once per module; a module that needs other switches defines its own."""
    from browser import chromium  # Playwright only where a test asks for a browser

    with chromium() as browser:
        yield browser


@pytest.hookimpl(tryfirst=True)  # xdist reads the groups in its own hook: they must be there before it runs
def pytest_collection_modifyitems(items):
    """`make test` runs on two workers (xdist's loadgroup): a module's tests go to one worker, so its
    sites and browser are made once, unless the module is marked `spread` (its tests share nothing
    costly, and go to whichever worker is free)."""
    for item in items:
        if item.get_closest_marker("spread") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def pytest_addoption(parser):
    parser.addoption(
        "--repeat",
        type=int,
        default=1,
        help="run every test N times in one session (its module's sites and browser made once): to show a test never fails by chance",
    )


@pytest.fixture
def repetition(request):
    return request.param


def pytest_generate_tests(metafunc):
    if (times := metafunc.config.getoption("repeat")) > 1:
        metafunc.fixturenames.append("repetition")
        metafunc.parametrize("repetition", range(1, times + 1), indirect=True, ids=lambda n: f"run{n}")
