"""3Dmol.js viewers and Space facades as a reader meets them, on the real protein article."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from browser import CANVAS_PIXELS, launched, serve
from realsite import ROOT
from sitebuilder import build, make_project, post

pytestmark = pytest.mark.browser

PROTEIN_POST = "posts/visualizing-proteins-3dmol/"
STRUCTURE = (ROOT / "posts/assets/visualizing-proteins-3dmol/1l2y.pdb").read_bytes()
SPACE_HOST = "simonduerr-3dmol-js.hf.space"
LIBRARY_REQUESTED = "() => document.querySelector('script[src$=\"3Dmol-min.js\"]') !== null"
# Resolves once the element is on screen. IntersectionObserver tells its observers in the order they were
# made, so by then the page's own observers, which start a viewer before it is in view, have seen it too.
SEEN = """element => new Promise((seen) => new IntersectionObserver((entries, observer) => {
  if (entries.some((entry) => entry.isIntersecting)) { observer.disconnect(); seen(); }
}).observe(element))"""


@pytest.fixture(scope="module")
def site_url(real_site):
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright):
    with launched(playwright) as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    # Nothing may leave the machine: the RCSB download and the Space are answered here.
    page.route("https://files.rcsb.org/**", lambda route: route.fulfill(body=STRUCTURE, content_type="chemical/x-pdb"))
    page.route(
        "https://*.hf.space/**",
        lambda route: route.fulfill(body="<!doctype html><title>demo</title><p>Live demo</p>", content_type="text/html"),
    )
    yield page
    context.close()


def wait_until_drawn(page, canvas) -> None:
    """Until the canvas shows a picture: a blank one has one or two colours, a drawn protein hundreds."""
    page.wait_for_function(f"(canvas) => ({CANVAS_PIXELS})(canvas).colours > 50", arg=canvas.element_handle(), timeout=30_000)


def test_viewer_library_loads_only_when_a_viewer_comes_into_view(site_url, page):
    page.goto(site_url + PROTEIN_POST, wait_until="networkidle")
    assert not page.evaluate(LIBRARY_REQUESTED)
    assert not any("3Dmol" in url for url in page.requests)
    viewer = page.locator("figure.fn-mol").first
    viewer.scroll_into_view_if_needed()
    page.wait_for_function("() => window.$3Dmol !== undefined", timeout=30_000)
    assert any(url.endswith("3Dmol-min.js") for url in page.requests)
    canvas = viewer.locator("canvas")
    canvas.wait_for(timeout=30_000)
    wait_until_drawn(page, canvas)


def test_viewer_by_pdb_id_fetches_the_structure_only_when_shown(site_url, page):
    page.goto(site_url + PROTEIN_POST, wait_until="load")
    assert not any("rcsb.org" in url for url in page.requests)
    viewer = page.locator("figure.fn-mol[data-pdb]").first
    viewer.scroll_into_view_if_needed()
    canvas = viewer.locator("canvas")
    canvas.wait_for(timeout=30_000)
    wait_until_drawn(page, canvas)
    assert any(url.startswith("https://files.rcsb.org/download/1L2Y") for url in page.requests)


def test_space_facade_turns_into_the_iframe_on_click(site_url, page):
    page.goto(site_url + PROTEIN_POST, wait_until="load")
    space = page.locator("figure.fn-space").first
    space.scroll_into_view_if_needed()
    box_before = space.locator(".fn-space__box").bounding_box()
    assert space.locator("iframe").count() == 0
    assert not any("hf.space" in url or "huggingface.co" in url for url in page.requests)
    with page.expect_request(lambda request: urlsplit(request.url).netloc == SPACE_HOST):
        space.get_by_role("button", name="Load the live demo").click()
    frame = space.locator("iframe")
    assert frame.get_attribute("src") == f"https://{SPACE_HOST}"
    assert "allow-scripts" in frame.get_attribute("sandbox")
    assert space.locator(".fn-space__box").bounding_box()["height"] == box_before["height"]


def test_japanese_facade_is_in_japanese(site_url, page):
    page.goto(site_url + "ja/" + PROTEIN_POST, wait_until="load")
    assert page.locator("figure.fn-space button").first.inner_text() == "デモを読み込む"


def test_a_page_with_many_viewers_keeps_drawing(tmp_path, browser):
    """Chrome allows about 16 WebGL contexts per page: viewers far away must be released."""
    fences = "\n\n".join(
        f"## Viewer {i} {{ #viewer-{i} }}\n\n```3dmol\nfile: assets/many/1l2y.pdb\nstyle: cartoon\ncolor: spectrum\nheight: 300\ncaption: Copy {i}\n```"
        for i in range(18)
    )
    root = make_project(
        tmp_path,
        {"posts/many.md": post("Many viewers", "2023-01-01", "Eighteen viewers.\n\n" + fences)},
        extra_files={"posts/assets/many/1l2y.pdb": STRUCTURE},
    )
    result = build(root)
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        warnings = []
        page.on("console", lambda message: warnings.append(message.text) if message.type in ("error", "warning") else None)
        page.goto(url + "posts/many/", wait_until="load")
        viewers = page.locator("figure.fn-mol")
        for index in range(viewers.count()):
            viewer = viewers.nth(index)
            viewer.scroll_into_view_if_needed()
            viewer.locator("canvas").wait_for(timeout=30_000)
        wait_until_drawn(page, viewers.nth(viewers.count() - 1).locator("canvas"))
        assert page.locator("figure.fn-mol canvas").count() < 16
        assert not [w for w in warnings if "WebGL" in w], warnings
        page.close()


def test_without_webgl_the_reader_keeps_the_caption_message_and_link(site_url, playwright):
    with launched(playwright, "--disable-webgl", "--disable-3d-apis") as browser:
        page = browser.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(site_url + PROTEIN_POST, wait_until="load")
        viewer = page.locator("figure.fn-mol").first
        viewer.scroll_into_view_if_needed()
        viewer.locator(".fn-mol__box").evaluate(SEEN)
        assert not page.evaluate(LIBRARY_REQUESTED)
        assert viewer.locator("canvas").count() == 0
        assert "needs JavaScript and WebGL" in viewer.inner_text()
        assert viewer.get_by_role("link", name="View 1L2Y at the RCSB Protein Data Bank").is_visible()
        assert viewer.locator("figcaption").is_visible()
        assert not any("3Dmol" in url for url in requests)


def test_without_javascript_the_fallbacks_and_the_space_link_work(site_url, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PROTEIN_POST, wait_until="load")
    viewer = page.locator("figure.fn-mol").first
    assert "needs JavaScript and WebGL" in viewer.inner_text()
    space = page.locator("figure.fn-space").first
    assert space.get_by_role("link").first.get_attribute("href") == "https://huggingface.co/spaces/simonduerr/3dmol.js"
    assert not space.get_by_role("button").is_visible()
    context.close()
