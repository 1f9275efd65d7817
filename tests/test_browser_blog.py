"""What only a browser shows: Japanese search on /ja/ and the language switcher keeping the section."""

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


def search(page, query: str) -> dict[str, str]:
    """Type into Material's search box as a reader does; return {result title: result URL}."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material's search listens for key events, not for value changes
    page.wait_for_selector(".md-search-result__meta")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('初期化')"
        " && !document.querySelector('.md-search-result__meta').textContent.includes('Initializing')"
    )
    page.wait_for_timeout(300)
    results = page.locator(".md-search-result__item > a")
    return {link.locator("h1, h2").first.inner_text(): link.get_attribute("href") for link in results.all()}


def test_japanese_search_finds_the_post_in_japanese_only(site_url, browser):
    page = browser.new_page()
    page.goto(site_url + "ja/")
    results = search(page, "量子化")
    assert results["ガンマ"].startswith(site_url + "ja/posts/gamma/")
    assert all(url.startswith(site_url + "ja/") for url in results.values()), results
    page.close()


@pytest.mark.parametrize(
    "query, title",
    [("タンパク質", "アルファ記事"), ("アルファ記事", "アルファ記事")],
    ids=["katakana and kanji in one word", "a whole title"],
)
def test_japanese_search_finds_words_that_mix_scripts(site_url, browser, query, title):
    page = browser.new_page()
    page.goto(site_url + "ja/")
    assert title in search(page, query)
    page.close()


def test_english_search_stays_in_english(site_url, browser):
    page = browser.new_page()
    page.goto(site_url)
    results = search(page, "Alpha")
    assert results["Alpha post"].startswith(site_url + "posts/alpha/")
    assert not any(url.startswith(site_url + "ja/") for url in results.values()), results
    page.close()


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
