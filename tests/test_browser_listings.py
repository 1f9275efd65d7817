"""Listing pages of the real site as a reader scrolls them, on a phone and on a desktop screen.

Post cards carry a lazy thumbnail with its size: the browser fetches a thumbnail only when the reader
scrolls near it, and keeps its place free until it arrives, so nothing moves.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser import WATCH_SHIFTS, serve

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}
CARD_PAGES = ("", "posts/", "tags/llm/", "authors/hana/", "ja/", "ja/posts/", "ja/tags/llm/", "ja/authors/hana/")
THUMBNAIL = "card-480.png"
# How far below the viewport Chrome starts fetching a lazy image: 1250 px on a fast (4G) connection,
# 2500 px on slower ones (web.dev and the Chrome team, July 2020).
LOADING_DISTANCE = {"4g": 1250}
SLOW_LOADING_DISTANCE = 2500

THUMBNAILS = "() => [...document.querySelectorAll('.fn-post-card img')]"
ALL_ARRIVED = f"() => ({THUMBNAILS})().every((image) => image.complete && image.naturalWidth > 0)"


@pytest.fixture(scope="module")
def site_url(real_site):
    with serve(real_site) as url:
        yield url


@pytest.fixture(params=WIDTHS, ids=str)
def page(request, browser, site_url):
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(WATCH_SHIFTS)
    context.route(lambda url: not url.startswith(site_url), lambda route: route.abort())
    page = context.new_page()
    page.thumbnails_requested = []
    page.on("request", lambda r: page.thumbnails_requested.append(r.url) if r.url.endswith(THUMBNAIL) else None)
    yield page
    context.close()


def scroll_through(page) -> None:
    """Scroll to the bottom half a screen at a time, as a reader does, then wait for every thumbnail."""
    page.evaluate(
        """async () => {
          const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
          for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
            scrollTo(0, y);
            await frame();
          }
        }"""
    )
    page.wait_for_function(ALL_ARRIVED)


@pytest.mark.parametrize("path", CARD_PAGES, ids=lambda path: path or "home")
def test_thumbnails_are_lazy_and_hold_their_place_before_they_arrive(site_url, page, path):
    page.goto(site_url + path)
    thumbnails = page.evaluate(
        f"""() => ({THUMBNAILS})().map((image) => ({{
          loading: image.getAttribute('loading'),
          width: Number(image.getAttribute('width')),
          height: Number(image.getAttribute('height')),
          shown: image.getBoundingClientRect().toJSON(),
        }}))"""
    )
    assert thumbnails, "the listing shows no thumbnails"
    for thumbnail in thumbnails:
        assert thumbnail["loading"] == "lazy" and thumbnail["width"] > 0 and thumbnail["height"] > 0, thumbnail
        shown = thumbnail["shown"]
        assert shown["height"] == pytest.approx(shown["width"] * thumbnail["height"] / thumbnail["width"], abs=1)


@pytest.mark.parametrize("path", CARD_PAGES, ids=lambda path: path or "home")
def test_thumbnails_far_below_the_screen_wait_until_the_reader_scrolls(site_url, page, path):
    page.goto(site_url + path, wait_until="networkidle")
    screen = page.evaluate("innerHeight")
    reach = screen + LOADING_DISTANCE.get(page.evaluate("navigator.connection.effectiveType"), SLOW_LOADING_DISTANCE)
    thumbnails = page.evaluate(f"() => ({THUMBNAILS})().map((image) => [image.src, image.getBoundingClientRect().top])")
    requested = {urlsplit(url).path for url in page.thumbnails_requested}
    on_screen = {urlsplit(src).path for src, top in thumbnails if top < screen}
    far_below = {urlsplit(src).path for src, top in thumbnails if top >= reach}
    assert on_screen <= requested
    assert not far_below & requested, f"fetched before the reader scrolled near them: {sorted(far_below & requested)}"

    scroll_through(page)
    requested_after = [urlsplit(url).path for url in page.thumbnails_requested]
    assert sorted(requested_after) == sorted(urlsplit(src).path for src, _ in thumbnails)


@pytest.mark.parametrize("path", CARD_PAGES, ids=lambda path: path or "home")
def test_nothing_moves_while_the_page_and_its_thumbnails_load(site_url, page, path):
    page.goto(site_url + path, wait_until="load")
    scroll_through(page)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.__shift") <= 0.02
