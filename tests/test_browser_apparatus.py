"""The research apparatus as a reader meets it in Chromium, on the real Chinchilla article in both
languages: a citation, a figure reference, an equation reference and a footnote preview their target
on hover, on keyboard focus and on tap, and Esc closes the preview; each figure shows the drawing of
the page's language and colour scheme, loads it only when needed, switches it with the scheme toggle
without a reload or a shift, and opens full-screen from the keyboard."""

from __future__ import annotations

import contextlib
import io
import sys
from urllib.parse import urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from browser import ANIMATIONS_SETTLED, WATCH_SHIFTS, press_until_focused, serve
from interface_text import labels
from realsite import ROOT
from sitebuilder import build, make_project, post

sys.path.insert(0, str(ROOT / "benchmarks"))
from reader_audit import AXE, CompressingHandler, axe_findings

pytestmark = [pytest.mark.browser, pytest.mark.spread]  # independent tests on the shared real site

POST = "posts/chinchilla-compute-optimal/"
PREFIXES = {"en": "", "ja": "ja/"}
SCHEMES = ("light", "dark")
PHONE, DESKTOP = 320, 1280
PREVIEW = "#fn-preview"
CITATION = "a.fn-citation__work"
FIGURE_REFERENCE = "a.fn-xref[href^='#fig-']"
EQUATION_REFERENCE = "a[href^='#eq-']"
# Of each figure's drawings, those the reader sees: [{src, loaded}] per figure.
SHOWN_DRAWINGS = """() => [...document.querySelectorAll('article figure.fn-figure')].map(figure =>
  [...figure.querySelectorAll('img')].filter(img => img.offsetParent !== null)
    .map(img => ({ src: img.currentSrc || img.src, loaded: img.complete && img.naturalWidth > 0 })))"""
ALL_SHOWN_LOADED = f"() => ({SHOWN_DRAWINGS})().every(shown => shown.length === 1 && shown[0].loaded)"
FOOTNOTED = """A claim with a footnote.[^caveat]

[^caveat]: The caveat, which the preview shows in full.
"""


@pytest.fixture(scope="module")
def site_url(real_site):
    with serve(real_site, CompressingHandler) as url:
        yield url


@pytest.fixture(scope="module")
def footnote_url(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("footnotes"), {"posts/footnoted.md": post("Footnoted", "2023-05-24", FOOTNOTED)})
    result = build(root)
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url + "posts/footnoted/"


@contextlib.contextmanager
def opened(browser, url: str, width: int = DESKTOP, scheme: str = "light", touch: bool = False, axe: bool = False):
    """`url` in a fresh context; nothing leaves the machine, and every request for a file is noted."""
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        color_scheme=scheme,
        has_touch=touch,
        is_mobile=touch,
        bypass_csp=axe,  # the CSP forbids the injected axe script
    )
    context.route(lambda address: urlsplit(address).hostname != "127.0.0.1", lambda route: route.abort())
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(urlsplit(request.url).path))
    page.add_init_script(WATCH_SHIFTS)
    page.goto(url, wait_until="load")
    try:
        yield page
    finally:
        context.close()


def preview_shows(page, target_selector: str) -> None:
    """The preview is open and holds the text of the element its link points at."""
    box = page.locator(PREVIEW)
    expect(box).to_be_visible()
    expect(box).to_have_attribute("role", "tooltip")
    expected = " ".join(page.locator(target_selector).first.inner_text().split())
    assert " ".join(box.locator(".fn-preview__content").inner_text().split()) == expected


def positions(page) -> list[float]:
    """Where the article's blocks are: opening a preview must move none of them."""
    return page.evaluate("() => [...document.querySelectorAll('article > *')].map(e => e.getBoundingClientRect().top + scrollY)")


def background_matches(page, figure) -> bool:
    """The drawing's corner, as the screen shows it, has the page's background colour."""
    shown = figure.locator("img:visible")
    pixel = Image.open(io.BytesIO(shown.screenshot())).convert("RGB").getpixel((2, 2))
    page_colour = page.evaluate("() => getComputedStyle(document.body).backgroundColor")  # "rgb(r, g, b)"
    expected = tuple(int(part) for part in page_colour[page_colour.index("(") + 1 : -1].split(",")[:3])
    return all(abs(a - b) <= 2 for a, b in zip(pixel, expected))


def axe(page) -> list[str]:
    page.wait_for_function(ANIMATIONS_SETTLED)
    page.add_script_tag(path=str(AXE))
    return axe_findings(page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"))


# -- previews ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIXES)
def test_hovering_a_citation_previews_its_reference_without_moving_the_page(browser, site_url, lang):
    with opened(browser, site_url + PREFIXES[lang] + POST) as page:
        link = page.locator(f"article {CITATION}").first
        link.scroll_into_view_if_needed()
        before = positions(page)
        link.hover()
        preview_shows(page, f"{link.get_attribute('href')} .csl-entry")
        expect(link).to_have_attribute("aria-describedby", "fn-preview")
        expect(page.locator(f"{PREVIEW} .fn-preview__go")).to_be_hidden()  # a pointer follows the link itself
        assert positions(page) == before
        page.mouse.move(0, 400)
        expect(page.locator(PREVIEW)).to_be_hidden()
        expect(link).not_to_have_attribute("aria-describedby", "fn-preview")


@pytest.mark.parametrize("lang", PREFIXES)
def test_a_citation_reached_with_tab_previews_it_and_esc_closes_it_keeping_the_focus(browser, site_url, lang):
    with opened(browser, site_url + PREFIXES[lang] + POST) as page:
        press_until_focused(page, "Tab", f"article {CITATION}")
        focused = page.evaluate("() => document.activeElement.getAttribute('href')")
        preview_shows(page, f"{focused} .csl-entry")
        page.keyboard.press("Escape")
        expect(page.locator(PREVIEW)).to_be_hidden()
        assert page.evaluate("() => document.activeElement.getAttribute('href')") == focused
        assert urlsplit(page.url).fragment == ""  # Esc closed the preview and went nowhere


@pytest.mark.parametrize("lang", PREFIXES)
def test_on_a_phone_a_tap_previews_within_the_screen_and_a_second_tap_follows(browser, site_url, lang):
    with opened(browser, site_url + PREFIXES[lang] + POST, width=PHONE, touch=True) as page:
        link = page.locator(f"article {CITATION}").first
        target = link.get_attribute("href")
        link.scroll_into_view_if_needed()
        link.tap()
        preview_shows(page, f"{target} .csl-entry")
        go = page.locator(f"{PREVIEW} .fn-preview__go")
        expect(go).to_have_text(labels(lang)["preview_go"])
        box = page.locator(PREVIEW).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE, box
        assert urlsplit(page.url).fragment == ""
        link.tap()
        page.wait_for_url(f"**{target}")
        expect(page.locator(PREVIEW)).to_be_hidden()


@pytest.mark.parametrize("lang", PREFIXES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_figure_reference_previews_the_figure_in_the_schemes_drawing(browser, site_url, lang, scheme):
    with opened(browser, site_url + PREFIXES[lang] + POST, scheme=scheme) as page:
        link = page.locator(f"article {FIGURE_REFERENCE}").first
        figure = link.get_attribute("href")
        # "Figure 1" / 「図 1」: the number the figure's caption gives it, without the caption's full stop.
        expect(link).to_have_text(page.locator(f"{figure} .fn-figure__label").inner_text().rstrip("."))
        link.scroll_into_view_if_needed()
        link.hover()
        expect(page.locator(f"{PREVIEW} figcaption")).to_have_text(page.locator(f"{figure} figcaption").inner_text())
        shown = page.locator(f"{PREVIEW} img:visible")
        expect(shown).to_have_count(1)
        assert shown.get_attribute("src").endswith(f".{lang}.{scheme}.svg#only-{scheme}")
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=shown.element_handle())
        assert not page.locator(f"{PREVIEW} [id]").count()  # a copy: ids stay unique


def test_an_equation_reference_previews_the_typeset_equation(browser, site_url):
    with opened(browser, site_url + POST) as page:
        press_until_focused(page, "Tab", f"article {EQUATION_REFERENCE}")
        target = page.evaluate("() => document.activeElement.getAttribute('href')")
        preview_shows(page, target)
        expect(page.locator(f"{PREVIEW} math").first).to_be_visible()


def test_a_footnote_reference_previews_the_footnote(browser, footnote_url):
    with opened(browser, footnote_url) as page:
        link = page.locator("a.footnote-ref")
        link.hover()
        expect(page.locator(PREVIEW)).to_contain_text("The caveat, which the preview shows in full.")
        expect(page.locator(f"{PREVIEW} .footnote-backref")).to_have_count(0)


@pytest.mark.parametrize("width", (PHONE, DESKTOP))
@pytest.mark.parametrize("scheme", SCHEMES)
def test_an_open_preview_has_no_serious_accessibility_violation(browser, site_url, width, scheme):
    with opened(browser, site_url + PREFIXES["ja"] + POST, width=width, scheme=scheme, axe=True) as page:
        press_until_focused(page, "Tab", f"article {CITATION}")
        expect(page.locator(PREVIEW)).to_be_visible()
        assert axe(page) == []


def test_no_article_scrolls_sideways_on_a_phone(browser, site_url):
    # A reference cited fifty times lists fifty back-links: they wrap like words.
    slugs = sorted(path.stem for path in (ROOT / "posts").glob("*.md"))
    with opened(browser, site_url, width=PHONE, touch=True) as page:
        wide = {}
        for prefix in PREFIXES.values():
            for slug in slugs:
                page.goto(f"{site_url}{prefix}posts/{slug}/")
                if (width := page.evaluate("() => document.documentElement.scrollWidth")) > PHONE:
                    wide[f"{prefix}posts/{slug}/"] = width
        assert wide == {}


# -- figures -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIXES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_each_figure_shows_the_drawing_of_the_language_and_scheme_and_only_that_one_is_fetched(browser, site_url, lang, scheme):
    with opened(browser, site_url + PREFIXES[lang] + POST, scheme=scheme) as page:
        figures = page.locator("article figure.fn-figure")
        assert figures.count() >= 2
        for index in range(figures.count()):
            figures.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(ALL_SHOWN_LOADED)
        for (shown,) in page.evaluate(SHOWN_DRAWINGS):
            assert shown["src"].endswith(f".{lang}.{scheme}.svg#only-{scheme}"), shown
        assert background_matches(page, figures.first)
        drawings = [path for path in page.requested if "/assets/chinchilla-compute-optimal/" in path]
        assert drawings and all(path.endswith(f".{lang}.{scheme}.svg") for path in drawings), drawings
        assert len(drawings) == len(set(drawings)) == figures.count()


def test_figures_below_the_fold_wait_for_the_reader_and_move_nothing_when_they_come(browser, site_url):
    with opened(browser, site_url + POST, width=PHONE, touch=True) as page:
        page.wait_for_load_state("networkidle")
        assert not [path for path in page.requested if path.endswith(".svg") and "/assets/chinchilla" in path]
        figures = page.locator("article figure.fn-figure")
        for index in range(figures.count()):
            figures.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(ALL_SHOWN_LOADED)
        assert page.evaluate("() => window.__shift") <= 0.02


def test_the_scheme_toggle_switches_the_drawing_both_ways_without_a_reload_or_a_shift(browser, site_url):
    with opened(browser, site_url + PREFIXES["ja"] + POST, scheme="light") as page:
        figure = page.locator("article figure.fn-figure").first
        figure.scroll_into_view_if_needed()
        page.wait_for_function(ALL_SHOWN_LOADED)
        page.evaluate("() => { window.__sameDocument = true; }")
        height = figure.bounding_box()["height"]
        assert background_matches(page, figure)
        page.locator("label[for='__palette_1']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.wait_for_function(ALL_SHOWN_LOADED)
        assert page.evaluate(SHOWN_DRAWINGS)[0][0]["src"].endswith(".ja.dark.svg#only-dark")
        assert background_matches(page, figure)
        assert figure.bounding_box()["height"] == height
        page.locator("label[for='__palette_0']").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
        assert page.evaluate(SHOWN_DRAWINGS)[0][0]["src"].endswith(".ja.light.svg#only-light")
        assert background_matches(page, figure)
        assert figure.bounding_box()["height"] == height
        assert page.evaluate("() => window.__sameDocument") is True


@pytest.mark.parametrize("lang", PREFIXES)
def test_a_figure_opens_full_screen_from_the_keyboard_and_esc_gives_the_focus_back(browser, site_url, lang):
    with opened(browser, site_url + PREFIXES[lang] + POST, scheme="dark") as page:
        press_until_focused(page, "Tab", "article .fn-figure__zoom")
        button_label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        assert button_label == page.locator("article figure.fn-figure").first.get_attribute("data-fn-zoom")
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.fn-zoom[open]")
        expect(dialog).to_be_visible()
        expect(dialog).to_have_attribute("aria-label", button_label)
        shown = dialog.locator("img")
        expect(shown).to_have_count(1)
        assert shown.get_attribute("src").endswith(f".{lang}.dark.svg#only-dark")
        assert (
            dialog.locator("img").bounding_box()["width"]
            > page.locator("article figure.fn-figure img:visible").first.bounding_box()["width"]
        )
        expect(dialog.locator(".fn-zoom__close")).to_have_text(labels(lang)["zoom_close"])
        page.keyboard.press("Escape")
        expect(page.locator("dialog.fn-zoom[open]")).to_have_count(0)
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == button_label


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_open_full_screen_figure_has_no_serious_accessibility_violation(browser, site_url, scheme):
    with opened(browser, site_url + POST, width=PHONE, scheme=scheme, axe=True) as page:
        page.locator("article .fn-figure__zoom").first.click()
        expect(page.locator("dialog.fn-zoom[open]")).to_be_visible()
        assert axe(page) == []
