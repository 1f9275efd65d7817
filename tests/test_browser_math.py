"""Typeset formulas as a reader meets them in Chromium: drawn, script-free, scrollable on a phone,
reachable with the keyboard, legible in the dark scheme, and steady while the page loads."""

from __future__ import annotations

import sys

import pytest

from browser import WATCH_SHIFTS, serve
from sitebuilder import ROOT, build, make_project, post

sys.path.insert(0, str(ROOT / "benchmarks"))
from reader_audit import serious_violations

pytestmark = pytest.mark.browser

LONG_SUM = " + ".join(f"\\frac{{\\partial \\mathcal{{L}}_{{{i}}}}}{{\\partial \\theta_{{{i}}}}}" for i in range(1, 13))
BODY = f"""Chinchilla's fit is $L(N, D) = E + A/N^{{\\alpha}} + B/D^{{\\beta}}$, with $C \\approx 6ND$, inside a paragraph
long enough to wrap over several lines on a phone, so that the line spacing around inline formulas shows.

- A long inline formula wraps like words: $L = 1.69 + 406.4/N^{{0.34}} + 410.7/D^{{0.28}} + 1.5 \\times 10^{{-3}}$.

$$
L(N, D) = E + \\frac{{A}}{{N^{{\\alpha}}}} + \\frac{{B}}{{D^{{\\beta}}}} \\label{{eq-loss}}
$$

The gradient of a long sum [](#eq-long) does not fit on a phone:

$$
\\nabla_\\theta \\mathcal{{L}} = {LONG_SUM} \\label{{eq-long}}
$$

\\begin{{align}}
R(x, y) &= r_\\phi(x, y) - \\beta \\log \\frac{{\\pi_\\theta(y \\mid x)}}{{\\pi_{{\\text{{ref}}}}(y \\mid x)}} \\\\
\\operatorname{{regard}}(s) &= \\begin{{cases}} +1 & \\text{{if positive}} \\\\ -1 & \\text{{if negative}} \\end{{cases}}
\\end{{align}}
"""
PHONE = {"width": 320, "height": 640}
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("browser-maths"), {"posts/maths.md": post("Maths", "2023-05-24", BODY)})
    result = build(root)
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url + "posts/maths/"


def open_page(browser, url, viewport=None, color_scheme="light", init_script=None):
    context = browser.new_context(viewport=viewport or {"width": 1000, "height": 800}, color_scheme=color_scheme)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.console_errors = []
    page.requests = []
    page.on("console", lambda message: page.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return context, page


def test_every_formula_is_drawn_without_errors_or_a_math_script(browser, site_url):
    context, page = open_page(browser, site_url)
    try:
        sizes = page.locator("article math").evaluate_all(
            "nodes => nodes.map(n => [n.getBoundingClientRect().width, n.getBoundingClientRect().height])"
        )
        assert len(sizes) == 6
        assert all(width > 0 and height > 0 for width, height in sizes), sizes
        assert page.console_errors == []
        scripts = [url for url in page.requests if url.endswith(".js")]
        # Typeset at build time: no renderer reaches the reader, only the small copy-as-TeX handler.
        assert not any(name in url.lower() for url in scripts for name in ("temml", "katex", "mathjax"))
        assert [url.rsplit("/", 2)[-2:] for url in scripts if "/math/" in url] == [["math", "math.js"]]
        assert any(url.endswith("assets/math/math.css") for url in page.requests)
    finally:
        context.close()


def test_on_a_phone_inline_formulas_wrap_and_display_formulas_scroll_in_their_box(browser, site_url):
    context, page = open_page(browser, site_url, PHONE)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        box = page.locator("#eq-long .fn-math__scroll")
        client, scroll = box.evaluate("box => [box.clientWidth, box.scrollWidth]")
        assert scroll > 2 * client
        number = page.locator("#eq-long .fn-math__number").bounding_box()
        assert number["x"] + number["width"] <= PHONE["width"]  # the number stays in view
        box.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        assert box.evaluate("box => box.scrollLeft") >= scroll - client - 1
    finally:
        context.close()


def test_the_scroll_box_is_reached_with_tab_and_scrolled_with_arrow_keys(browser, site_url):
    context, page = open_page(browser, site_url, PHONE)
    try:
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('#eq-long') !== null"):
                break
        assert page.evaluate("document.activeElement.classList.contains('fn-math__scroll')")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Equation (2)"
        before = page.evaluate("document.activeElement.scrollLeft")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("before => document.activeElement.scrollLeft > before", arg=before)
    finally:
        context.close()


def test_inline_formulas_keep_the_paragraph_line_spacing(browser, site_url):
    context, page = open_page(browser, site_url, PHONE)
    try:
        paragraph = page.locator("article p:has(math)").first
        line_height = paragraph.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)")
        heights = paragraph.locator("math").evaluate_all("nodes => nodes.map(n => n.getBoundingClientRect().height)")
        assert heights and max(heights) <= 1.6 * line_height, (heights, line_height)
        lines = paragraph.evaluate(
            "p => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight))"
        )
        text_only = page.evaluate(
            """() => { const p = document.querySelector('article p:has(math)').cloneNode(true);
                p.querySelectorAll('.fn-math').forEach(m => m.replaceWith('MMMMMMMM'));
                document.querySelector('article').append(p);
                const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
                p.remove(); return lines; }"""
        )
        assert abs(lines - text_only) <= 1
    finally:
        context.close()


def contrast(foreground: list[float], background: list[float]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


RGB = """element => getComputedStyle(element)[PROPERTY].match(/[\\d.]+/g).slice(0, 3).map(Number)"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_formulas_are_legible_in_both_schemes(browser, site_url, scheme):
    context, page = open_page(browser, site_url, color_scheme=scheme)
    try:
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
        colour = page.locator("#eq-loss math").evaluate(RGB.replace("PROPERTY", "'color'"))
        background = page.locator("body").evaluate(RGB.replace("PROPERTY", "'backgroundColor'"))
        assert contrast(colour, background) >= 7, (colour, background)
    finally:
        context.close()


def test_layout_does_not_shift_while_the_page_loads(browser, site_url):
    context, page = open_page(browser, site_url, PHONE, init_script=WATCH_SHIFTS)
    try:
        page.evaluate("() => document.fonts.ready")
        page.evaluate(TWO_FRAMES)  # a shift in the last frame drawn is reported by the next
        assert page.evaluate("window.__shift") <= 0.02
    finally:
        context.close()


def test_no_serious_accessibility_violation(browser, site_url):
    assert serious_violations(browser, site_url) == []


COPY = """selector => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(selector));
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(range);
    const data = new DataTransfer();
    document.dispatchEvent(new ClipboardEvent("copy", {clipboardData: data, bubbles: true, cancelable: true}));
    return [data.getData("text/plain"), data.getData("text/html")];
}"""


def test_copying_text_with_formulas_gives_their_tex(browser, site_url):
    context, page = open_page(browser, site_url)
    try:
        plain, html = page.evaluate(COPY, "article p:has(.fn-math)")
        assert plain.startswith("Chinchilla's fit is $L(N, D) = E + A/N^{\\alpha} + B/D^{\\beta}$, with $C \\approx 6ND$,")
        assert "<math" in html
        plain, _ = page.evaluate(COPY, "#eq-loss")
        assert plain == "$$\nL(N, D) = E + \\frac{A}{N^{\\alpha}} + \\frac{B}{D^{\\beta}}\n$$"
    finally:
        context.close()
