"""What only a browser shows: the language switcher keeping the section. Search: test_browser_search.py."""

from __future__ import annotations

import pytest

from browser import chromium, serve
from sitebuilder import build, make_project
from test_blog_build import FIXTURE_POSTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("browser-blog"), FIXTURE_POSTS)
    result = build(root)
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def switch_language(page, name: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link", has_text=name).click()
    page.wait_for_load_state("load")


def test_switching_language_keeps_the_fragment(site_url, browser):
    page = browser.new_page()
    page.goto(site_url + "posts/alpha/#later")
    switch_language(page, "日本語")
    assert page.url == site_url + "ja/posts/alpha/#later"
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h2#later").is_visible()
    page.close()


def test_switching_language_keeps_the_section_scrolled_to(site_url, browser):
    page = browser.new_page(viewport={"width": 1000, "height": 400})
    page.goto(site_url + "ja/posts/alpha/")
    page.locator("h2#details").evaluate("h => window.scrollTo(0, h.getBoundingClientRect().top + scrollY - 10)")
    switch_language(page, "English")
    assert page.url == site_url + "posts/alpha/#details"
    page.close()


def test_missing_translation_never_404s(site_url, browser):
    page = browser.new_page()
    page.goto(site_url + "posts/beta/")
    switch_language(page, "日本語")
    assert page.url.startswith(site_url + "ja/posts/beta/")
    assert "まだ日本語に翻訳されていません" in page.locator("h1").inner_text()
    page.get_by_role("link", name="英語の原文を読む: Beta in English only").click()
    assert page.url == site_url + "posts/beta/"
    page.close()
