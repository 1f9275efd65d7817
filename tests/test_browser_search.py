"""Search as a reader uses it, in Chromium: the header box, Pagefind's index per language, the
keyboard, the tag filter, what loads when, and the highlighted words on the page a result opens."""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from browser import ANIMATIONS_SETTLED, serve
from fieldnotes.core.collection import body_digest
from sitebuilder import ROOT, build, make_project, post

pytestmark = pytest.mark.browser

QLORA_BODY = (
    "QLoRA stores weights in NF4 and trains small adapters; the quokka benchmark improved.\n\n"
    "## Memory { #memory }\n\nA paged optimizer keeps memory in check.\n\n"
    "## Results { #results }\n\nThe membership of the inference team grew."
)
UNLEARNING_BODY = (
    "A membership inference attack tells whether a model has forgotten; the benchmark is new.\n\n"
    "## Attack { #attack }\n\nThe membership inference attack compares losses."
)
SEARCH_POSTS = {
    "posts/qlora.md": post("Fitting models with QLoRA", "2023-05-24", QLORA_BODY, tags=["quantization", "fine-tuning"]),
    "ja/qlora.md": post(
        "QLoRA でモデルを収める",
        "2023-05-24",
        "QLoRA は重みを NF4 で保存し、小さなアダプタを学習します。ＧＰＵ 1 枚でファインチューニングできます。\n\n"
        "## メモリ { #memory }\n\nページ化したオプティマイザでコンピューターのメモリを節約します。\n\n"
        "## 結果 { #results }\n\nスケーリング則に沿って性能が伸びました。",
        tags=["quantization", "fine-tuning"],
        translators=["editors"],
        source_digest=body_digest(QLORA_BODY),
    ),
    "posts/unlearning.md": post(
        "Forgetting on request", "2023-07-01", UNLEARNING_BODY, authors=["leo"], tags=["privacy", "evaluation"]
    ),
    "ja/unlearning.md": post(
        "依頼に応じた忘却",
        "2023-07-01",
        "メンバーシップ推論攻撃で、モデルが忘れたかどうかを確かめます。\n\n"
        "## 攻撃 { #attack }\n\n推論と攻撃の計算はコンピュータで行います。",
        authors=["leo"],
        tags=["privacy", "evaluation"],
        translators=["editors"],
        source_digest=body_digest(UNLEARNING_BODY),
    ),
    "posts/english-only.md": post(
        "Only in English",
        "2022-01-10",
        "A zebrafish study, in English only.\n\n## Findings { #findings }\n\nMore zebrafish.",
        authors=["sam"],
        tags=["ethics"],
    ),
    "ja/japanese-only.md": post(
        "タンパク質の折りたたみ",
        "2024-03-03",
        "タンパク質の立体構造を DeepONet で予測する話です。\n\n## 構造 { #structure }\n\nトランスフォーマーで構造を表します。",
        authors=["sam"],
        tags=["biology"],
    ),
}

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RESULTS_SHOWN = "() => document.querySelector('#fn-search-results').getAttribute('aria-busy') === 'false'"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("search"), SEARCH_POSTS)
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def site_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def search(page, query: str) -> list[dict]:
    """Type into the header box as a reader does; the pages listed, each with its sections."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function(RESULTS_SHOWN)
    return page.evaluate(
        """() => [...document.querySelectorAll('#fn-search-results > [role=group]')].map((group) => {
          const [first, ...sections] = group.querySelectorAll('[role=option]');
          const heading = first.querySelector('h1').cloneNode(true);
          heading.querySelector('.fn-badge')?.remove();
          return {
            title: heading.textContent,
            url: new URL(first.href).pathname,
            badge: first.querySelector('.fn-badge')?.textContent ?? null,
            lang: first.querySelector('h1').lang || null,
            sections: sections.map((s) => new URL(s.href).hash),
            marked: [...group.querySelectorAll('mark')].map((m) => m.textContent),
          };
        })"""
    )


def tag_options(page, label: str) -> list[str]:
    """The tag filter's choices, once shown: the tags load after the first results, and the filter
    stays hidden until they have."""
    select = page.get_by_label(label)
    select.wait_for(state="visible")
    return select.locator("option").all_inner_texts()


def titles(results: list[dict]) -> list[str]:
    return [result["title"] for result in results]


@pytest.mark.parametrize(
    "query, title",
    [
        ("オプティマイザ", "QLoRA でモデルを収める"),
        ("推論攻撃", "依頼に応じた忘却"),
        ("タンパク質", "タンパク質の折りたたみ"),
        ("スケーリング則", "QLoRA でモデルを収める"),
        ("QLoRA", "QLoRA でモデルを収める"),
        ("NF4", "QLoRA でモデルを収める"),
        ("DeepONet", "タンパク質の折りたたみ"),
        ("ＱＬｏＲＡ", "QLoRA でモデルを収める"),
        ("ﾀﾝﾊﾟｸ質", "タンパク質の折りたたみ"),
        ("GPU", "QLoRA でモデルを収める"),
        ("トランスフォーマ", "タンパク質の折りたたみ"),
        ("ファインチューニング", "QLoRA でモデルを収める"),
        ("QLoRA でモデルを収める", "QLoRA でモデルを収める"),
    ],
    ids=[
        "katakana",
        "kanji compound",
        "katakana and kanji",
        "katakana and kanji in a sentence",
        "ASCII in Japanese",
        "letters and digits",
        "camel case",
        "full-width query",
        "half-width katakana query",
        "full-width text",
        "prefix of a long-vowel word",
        "long katakana word",
        "a whole title",
    ],
)
def test_japanese_words_of_every_kind_are_found(site_url, page, query, title):
    page.goto(site_url + "ja/")
    assert title in titles(search(page, query))


@pytest.mark.parametrize("query", ["コンピュータ", "コンピューター"])
def test_both_spellings_of_a_long_vowel_find_both_pages(site_url, page, query):
    page.goto(site_url + "ja/")
    assert sorted(titles(search(page, query))) == ["QLoRA でモデルを収める", "依頼に応じた忘却"]


@pytest.mark.parametrize(
    "query, title",
    [
        ("quokka", "Fitting models with QLoRA"),
        ("membership inference", "Forgetting on request"),
        ("adapter", "Fitting models with QLoRA"),
    ],
)
def test_english_words_are_found(site_url, page, query, title):
    page.goto(site_url)
    assert titles(search(page, query))[0] == title


def test_results_are_grouped_by_page_with_their_sections_and_marked_words(site_url, page):
    page.goto(site_url)
    [result] = [r for r in search(page, "memory") if r["title"] == "Fitting models with QLoRA"]
    assert result["url"] == "/posts/qlora/"
    assert "#memory" in result["sections"]
    assert "memory" in [word.lower() for word in result["marked"]]
    assert page.locator(".md-search-result__meta").inner_text() == "1 matching page"
    search(page, "xylophone")
    assert page.locator(".md-search-result__meta").inner_text() == "No matching pages"


def test_japanese_counts_are_announced_in_japanese(site_url, page):
    page.goto(site_url + "ja/")
    search(page, "攻撃")
    status = page.locator(".md-search-result__meta")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "1 件のページが見つかりました"
    search(page, "ゾウアザラシ")
    assert status.inner_text() == "一致するページはありません"


def test_japanese_results_read_as_written(site_url, page):
    page.goto(site_url + "ja/")
    [result] = search(page, "推論攻撃")
    assert result["title"] == "依頼に応じた忘却"
    item = page.locator("#fn-search-results [role=group]").first
    assert "2023年7月1日 · レオ・パク · 約1分で読めます" in item.inner_text()
    assert "メンバーシップ推論攻撃で、モデルが忘れたかどうかを確かめます。" in item.inner_text()
    assert "~" not in item.inner_text()
    tags = tag_options(page, "タグ")
    assert tags[0] == "すべてのタグ" and "ファインチューニング (1)" in tags and "プライバシー (1)" in tags
    assert not any("~" in tag for tag in tags)


def test_results_come_from_the_current_language(site_url, page):
    page.goto(site_url + "ja/")
    results = search(page, "QLoRA")
    assert [r["url"] for r in results] == ["/ja/posts/qlora/"]
    page.goto(site_url)
    results = search(page, "QLoRA")
    assert [r["url"] for r in results] == ["/posts/qlora/"]


def test_posts_only_in_the_other_language_are_found_and_marked(site_url, page):
    page.goto(site_url + "ja/")
    [result] = search(page, "zebrafish")
    assert (result["url"], result["badge"], result["lang"]) == ("/posts/english-only/", "英語", "en")
    page.goto(site_url)
    [result] = search(page, "タンパク質")
    assert (result["url"], result["badge"], result["lang"]) == ("/ja/posts/japanese-only/", "Japanese", "ja")
    assert search(page, "quokka")[0]["badge"] is None


def test_the_tag_filter_narrows_the_results(site_url, page):
    page.goto(site_url)
    assert sorted(titles(search(page, "benchmark"))) == ["Fitting models with QLoRA", "Forgetting on request"]
    assert "Privacy (1)" in tag_options(page, "Tag")
    select = page.get_by_label("Tag")
    select.select_option("Privacy")
    page.wait_for_function(RESULTS_SHOWN)
    assert [title.split("\n")[0] for title in page.locator("#fn-search-results h1").all_inner_texts()] == [
        "Forgetting on request"
    ]


def test_the_index_has_author_and_year_filters_and_a_date_sort(site_url, page):
    page.goto(site_url)
    search(page, "benchmark")
    script = page.locator("[data-fieldnotes-search]").get_attribute("data-fieldnotes-search")
    found = page.evaluate(
        """async (script) => {
          const pagefind = await import(new URL(script, document.baseURI).href);
          const filters = await pagefind.filters();
          const byYear = await pagefind.search(null, { filters: { year: ['2023'] }, sort: { date: 'asc' } });
          const dated = await Promise.all(byYear.results.map((r) => r.data()));
          return { authors: Object.keys(filters.author).sort(), years: Object.keys(filters.year).sort(),
                   dates: dated.map((d) => d.meta.date) };
        }""",
        script,
    )
    assert found == {
        "authors": ["Hana Mori", "Leo Park", "Sam Okafor"],
        "years": ["2022", "2023", "2024"],
        "dates": ["2023-05-24", "2023-07-01"],
    }


def test_the_keyboard_opens_moves_opens_a_result_and_closes(site_url, page):
    page.goto(site_url + "posts/english-only/")
    toggle = page.locator("#__search")
    box = page.locator("input.md-search__input")
    for key in ("/", "s", "f"):
        page.keyboard.press(key)
        assert toggle.is_checked() and box.evaluate("b => b === document.activeElement")
        assert box.input_value() == ""
        page.keyboard.press("Escape")
        assert not toggle.is_checked() and not box.evaluate("b => b === document.activeElement")
    page.keyboard.press("/")
    page.keyboard.type("memory")
    page.wait_for_function(RESULTS_SHOWN)
    options = page.locator("[role=option]")
    page.keyboard.press("ArrowDown")
    assert options.nth(0).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    assert options.nth(0).get_attribute("aria-selected") == "false"
    assert options.nth(1).get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    assert box.get_attribute("aria-expanded") == "true"
    target = options.nth(1).get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url("**/posts/qlora/**#memory")
    assert page.url.endswith(target)


def test_nothing_loads_for_search_before_it_opens(site_url, page):
    requests = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.goto(site_url + "posts/qlora/", wait_until="networkidle")
    page.mouse.wheel(0, 600)
    page.wait_for_function("() => scrollY > 0")
    assert [path for path in requests if "/pagefind/" in path] == []
    with page.expect_request("**/pagefind/en/pagefind.js"):
        page.keyboard.press("/")


LAYOUT = """() => [...document.querySelectorAll('[data-pagefind-body] *')].map((e) => {
  const box = e.getBoundingClientRect();
  return [box.x, box.y, box.width, box.height];
})"""
HIGHLIGHTED = "() => [...CSS.highlights.get('fieldnotes-search')].map((r) => r.toString())"


def test_the_words_searched_for_are_highlighted_on_the_result(site_url, page):
    page.goto(site_url)
    search(page, "paged optimizer")
    link = page.locator("[role=option]").first.get_attribute("href")
    assert parse_qs(urlsplit(link).query)["highlight"] == ["paged", "optimizer"]
    page.goto(urljoin(site_url, link))
    page.wait_for_function("() => CSS.highlights.has('fieldnotes-search')")
    assert sorted(page.evaluate(HIGHLIGHTED)) == ["optimizer", "paged"]


def test_highlighting_adds_nothing_to_the_page_and_moves_nothing(site_url, page):
    page.goto(site_url + "posts/qlora/", wait_until="networkidle")
    before = page.evaluate(LAYOUT)
    page.evaluate(
        """() => {
          window.__mutations = 0;
          new MutationObserver((records) => { window.__mutations += records.length; })
            .observe(document.querySelector('[data-pagefind-body]'), { subtree: true, childList: true, characterData: true });
          history.replaceState(null, '', '?highlight=paged&highlight=optimizer');
          const script = document.createElement('script');
          script.src = '../../assets/fieldnotes-search-highlight.js';
          document.body.appendChild(script);
        }"""
    )
    page.wait_for_function("() => CSS.highlights.has('fieldnotes-search')")
    assert sorted(page.evaluate(HIGHLIGHTED)) == ["optimizer", "paged"]
    assert page.evaluate("window.__mutations") == 0
    assert page.evaluate(LAYOUT) == before


def test_a_japanese_word_is_highlighted_as_typed_or_as_its_parts(site_url, page):
    page.goto(site_url + "ja/")
    search(page, "推論攻撃")
    link = page.locator("[role=option]").first.get_attribute("href")
    assert parse_qs(urlsplit(link).query)["highlight"] == ["推論攻撃"]
    page.goto(urljoin(site_url, link))
    page.wait_for_function("() => CSS.highlights.has('fieldnotes-search')")
    assert page.evaluate(HIGHLIGHTED) == ["推論攻撃"]
    page.goto(site_url + "ja/posts/unlearning/?highlight=攻撃推論")  # not in the page as typed
    page.wait_for_function("() => CSS.highlights.has('fieldnotes-search')")
    assert sorted(page.evaluate(HIGHLIGHTED)) == ["推論", "推論", "攻撃", "攻撃", "攻撃"]


def test_the_highlighter_loads_only_when_the_url_asks_for_it(site_url, page):
    requests = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.goto(site_url + "posts/qlora/", wait_until="networkidle")
    assert not any(path.endswith("fieldnotes-search-highlight.js") for path in requests)
    page.goto(site_url + "posts/qlora/?highlight=quokka", wait_until="networkidle")
    assert any(path.endswith("fieldnotes-search-highlight.js") for path in requests)
    page.wait_for_function("() => CSS.highlights.has('fieldnotes-search')")
    assert page.evaluate("() => [...CSS.highlights.get('fieldnotes-search')].map((r) => r.toString())") == ["quokka"]


def test_open_search_with_results_has_no_axe_violation(site_url, browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + "ja/")
    search(page, "攻撃")
    page.keyboard.press("ArrowDown")
    tag_options(page, "タグ")
    page.wait_for_function(ANIMATIONS_SETTLED)  # the panel fades in, the chosen result's colour fades
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "axe.run(document.querySelector('.md-search'), {resultTypes: ['violations']}).then(r => r.violations)"
    )
    context.close()
    assert [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in violations] == []


@pytest.mark.parametrize("workers", [True, False], ids=["in a worker", "on the page"])
def test_search_runs_under_the_content_security_policy(site_url, browser, workers):
    context = browser.new_context()
    context.add_init_script(
        """window.__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));"""
    )
    if not workers:  # Pagefind then compiles its WebAssembly on the page, under the page's policy
        context.add_init_script("delete window.Worker;")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(site_url + "ja/")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy
    assert titles(search(page, "推論攻撃"))[0] == "依頼に応じた忘却"
    tag_options(page, "タグ")  # the tags load from further files of the index, after the results
    assert page.evaluate("window.__violations") == [] and errors == []
    context.close()
