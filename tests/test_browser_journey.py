"""A reader without a mouse, on the real site: every step below uses the keyboard alone.

Search from a shortcut key to a highlighted article, the language switcher to the same section of
the other language's page, a 3D viewer brought into view and turned, and a Space's live demo loaded.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import CANVAS_PIXELS, chromium, press_until, press_until_focused, serve
from interface_text import labels
from realsite import ROOT

pytestmark = pytest.mark.browser

CHINCHILLA = "posts/chinchilla-compute-optimal/"
PROTEIN_POST = "posts/visualizing-proteins-3dmol/"
STRUCTURE = (ROOT / "posts/assets/visualizing-proteins-3dmol/1l2y.pdb").read_bytes()
RESULTS_SHOWN = "() => document.querySelector('#fn-search-results').getAttribute('aria-busy') === 'false'"
HIGHLIGHTED = "() => [...CSS.highlights.get('fieldnotes-search')].map((range) => range.toString().toLowerCase())"
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture(scope="module")
def site_url(real_site):
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    # Without the scroll animation, a key press has scrolled the page by the time it returns.
    with chromium("--disable-smooth-scrolling") as browser:
        yield browser


@pytest.fixture
def page(browser, site_url):
    # Reduced motion keeps a viewer still unless the reader turns it.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    # Nothing may leave the machine: the structure download and the Space are answered here, the rest refused.
    context.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
    context.route("https://files.rcsb.org/**", lambda route: route.fulfill(body=STRUCTURE, content_type="chemical/x-pdb"))
    context.route(
        "https://*.hf.space/**",
        lambda route: route.fulfill(body="<!doctype html><title>demo</title><p>Live demo</p>", content_type="text/html"),
    )
    page = context.new_page()
    yield page
    context.close()


def test_search_from_a_shortcut_opens_the_chosen_article_with_the_words_highlighted(site_url, page):
    page.goto(site_url + "posts/")
    page.keyboard.press("s")
    page.keyboard.type("compute budget")
    page.wait_for_function(RESULTS_SHOWN)
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#fn-search-results [role=option][aria-selected=true]")
    expect(chosen.locator("h1")).to_have_text("Chinchilla: how to split a compute budget between parameters and tokens")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + CHINCHILLA + "?highlight=compute&highlight=budget")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Chinchilla: how to split a compute budget between parameters and tokens"
    )
    page.wait_for_function("() => CSS.highlights.has('fieldnotes-search')")
    assert set(page.evaluate(HIGHLIGHTED)) == {"compute", "budget"}


def switch_to_japanese(page) -> None:
    """From the header's language button, which opens its menu on focus, to the Japanese page."""
    expect(page.locator(".md-select > button")).to_be_focused()
    expect(page.locator(".md-select__inner")).to_have_css("opacity", "1")
    press_until_focused(page, "Tab", '.md-select__link[hreflang="ja"]')
    page.keyboard.press("Enter")


def test_the_language_switcher_lands_on_the_section_chosen_in_the_table_of_contents(site_url, page):
    page.goto(site_url + CHINCHILLA)
    press_until_focused(page, "Tab", '.md-nav__link[href="#twenty-tokens"]')
    page.keyboard.press("Enter")
    expect(page.locator("h2#twenty-tokens")).to_be_in_viewport()
    press_until_focused(page, "Shift+Tab", ".md-select > button")
    switch_to_japanese(page)
    page.wait_for_url(site_url + "ja/" + CHINCHILLA + "#twenty-tokens")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    heading = page.locator("h2#twenty-tokens")
    expect(heading).to_contain_text("「1 パラメータあたり 20 トークン」はどこから来たか")
    expect(heading).to_be_in_viewport()


def test_the_language_switcher_lands_on_the_section_paged_down_to(site_url, page):
    page.goto(site_url + CHINCHILLA)
    press_until(page, "PageDown", "() => document.getElementById('twenty-tokens').getBoundingClientRect().top < 0")
    assert page.evaluate("() => document.getElementById('chinchilla-vs-gopher').getBoundingClientRect().top") > 96, (
        "paged past the next section too"
    )
    assert page.evaluate("location.hash") == "", "the section must come from the scroll, not the address"
    press_until_focused(page, "Tab", ".md-select > button")  # the header stays put: focusing it scrolls nothing
    switch_to_japanese(page)
    page.wait_for_url(site_url + "ja/" + CHINCHILLA + "#twenty-tokens")
    expect(page.locator("h2#twenty-tokens")).to_be_in_viewport()


def test_a_viewer_reached_with_tab_turns_with_the_arrow_keys(site_url, page):
    page.goto(site_url + PROTEIN_POST)
    viewer = page.locator("figure.fn-mol").first
    box = viewer.locator(".fn-mol__box")
    press_until_focused(page, "Tab", "figure.fn-mol *")
    # Focus brings the viewer into view; once it draws, it holds the focus its fallback links had.
    expect(box).to_be_focused(timeout=30_000)
    expect(box).to_have_role("application")
    expect(box).to_have_accessible_name(labels("en")["viewer_keys"])
    assert box.evaluate("(b) => getComputedStyle(b).outlineStyle") != "none", "the focused viewer shows no focus ring"

    canvas = viewer.locator("canvas").element_handle()
    page.wait_for_function(f"(canvas) => ({CANVAS_PIXELS})(canvas).colours > 50", arg=canvas, timeout=30_000)
    before = canvas.evaluate(CANVAS_PIXELS)["digest"]
    page.evaluate(TWO_FRAMES)
    assert canvas.evaluate(CANVAS_PIXELS)["digest"] == before, "the viewer moves by itself"
    scrolled = page.evaluate("scrollY")

    for key in ("ArrowRight", "ArrowRight", "ArrowDown"):
        page.keyboard.press(key)
    page.wait_for_function(f"([canvas, before]) => ({CANVAS_PIXELS})(canvas).digest !== before", arg=[canvas, before])
    assert page.evaluate("scrollY") == scrolled, "the arrow keys scrolled the page instead of turning the molecule"


def test_a_space_loads_from_the_keyboard(site_url, page):
    page.goto(site_url + PROTEIN_POST)
    space = page.locator("figure.fn-space").first
    press_until_focused(page, "Tab", "figure.fn-space button")
    expect(page.locator(":focus")).to_have_text("Load the live demo")
    assert space.locator("iframe").count() == 0
    page.keyboard.press("Enter")
    frame = space.locator("iframe")
    expect(frame).to_be_visible()
    assert frame.get_attribute("src") == "https://simonduerr-3dmol-js.hf.space"
    expect(page.frame_locator("figure.fn-space iframe").locator("p")).to_have_text("Live demo")
    expect(frame).to_be_focused()  # the button it replaced had the focus: the reader goes on from the demo
