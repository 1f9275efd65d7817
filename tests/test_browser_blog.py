"""What only a browser shows: the language switcher keeping the section. Search: test_browser_search.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import serve
from sitebuilder import build, make_project
from test_blog_build import FIXTURE_POSTS

pytestmark = pytest.mark.browser

# Material slides the language menu in for a quarter of a second once the button is hovered.
MENU_STILL = """() => {
  const menu = document.querySelector('.md-select__inner');
  return getComputedStyle(menu).opacity === '1' && menu.getAnimations().length === 0;
}"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("browser-blog"), FIXTURE_POSTS)
    result = build(root)
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


@pytest.fixture
def new_page(browser):
    """Pages in browser contexts of their own, closed after the test whatever its outcome."""
    contexts = []

    def new_page(**options):
        contexts.append(browser.new_context(**options))
        return contexts[-1].new_page()

    yield new_page
    for context in contexts:
        context.close()


def switch_language(page, name: str) -> None:
    """Hover the language button and click a language once its menu has stopped moving, as a reader does.

    A click on a link that is still sliding is retried by Playwright after scrolling the link into view,
    which scrolls the page away from the section the reader was in."""
    page.locator(".md-header__option .md-select").hover()
    page.wait_for_function(MENU_STILL)
    page.locator(".md-select__link", has_text=name).click()


def test_switching_language_keeps_the_fragment(site_url, new_page):
    page = new_page()
    page.goto(site_url + "posts/alpha/#later")
    switch_language(page, "日本語")
    expect(page).to_have_url(site_url + "ja/posts/alpha/#later")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("h2#later")).to_be_in_viewport()


def test_switching_language_keeps_the_section_scrolled_to(site_url, new_page):
    page = new_page(viewport={"width": 1000, "height": 400})
    page.goto(site_url + "ja/posts/alpha/")
    page.locator("h2#details").evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 10)")
    switch_language(page, "English")
    expect(page).to_have_url(site_url + "posts/alpha/#details")


def test_missing_translation_never_404s(site_url, new_page):
    page = new_page()
    page.goto(site_url + "posts/beta/")
    switch_language(page, "日本語")
    expect(page).to_have_url(site_url + "ja/posts/beta/")
    expect(page.locator("h1")).to_contain_text("まだ日本語に翻訳されていません")
    page.get_by_role("link", name="英語の原文を読む: Beta in English only").click()
    expect(page).to_have_url(site_url + "posts/beta/")
