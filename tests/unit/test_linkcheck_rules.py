"""The link check's rules on a small site written by hand: no build, each way of breaking a link once."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldnotes.linkcheck.checker import check_site
from fieldnotes.linkcheck.report import format_problems
from fieldnotes.linkcheck.site import SiteConfig

SITE_URL = "https://example.org/notes/"


def page(lang: str, body: str, head: str = "") -> str:
    return f'<!doctype html>\n<html lang="{lang}">\n<head>\n<title>t</title>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def alternates(path: str, languages: tuple[str, ...] = ("en", "ja")) -> str:
    """hreflang links of a page that exists in `languages`, the first one being x-default too."""
    prefixes = {"en": "", "ja": "ja/"}
    pairs = [(lang, prefixes[lang]) for lang in languages] + [("x-default", prefixes[languages[0]])]
    return "\n".join(
        f'<link rel="alternate" hreflang="{hreflang}" href="{SITE_URL}{prefix}{path}">' for hreflang, prefix in pairs
    )


CLEAN = {
    "index.html": page("en", '<a href="posts/alpha/#part">Alpha</a> <img src="img.png" alt="A chart">', alternates("")),
    "ja/index.html": page("ja", '<a href="../posts/alpha/">Alpha</a>', alternates("")),
    "posts/alpha/index.html": page(
        "en", '<h2 id="part">Part</h2> <a href="../../">Home</a> <a href="#part">up</a>', alternates("posts/alpha/", ("en",))
    ),
    "img.png": "",
}


def make_site(root: Path, files: dict[str, str]) -> SiteConfig:
    site = root / "site"
    for relative, text in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return SiteConfig(site_url=SITE_URL, repo=None, repo_root=root, branch=None, site_dir=site)


def check(root: Path, files: dict[str, str]) -> list[str]:
    config = make_site(root, files)
    return [f"{problem.page}: {problem.message}" for problem in check_site(config.site_dir, config).problems]


def test_a_site_whose_links_all_resolve_passes(tmp_path):
    config = make_site(tmp_path, CLEAN)
    result = check_site(config.site_dir, config)
    assert result.problems == []
    assert (result.pages, result.links) == (3, 5 + 8)  # links and images, and the hreflang alternates


BROKEN = {
    "missing page": (
        '<a href="posts/gone/">x</a>',
        'index.html: "posts/gone/": not found in the site (no posts/gone/index.html)',
    ),
    "missing anchor": (
        '<a href="posts/alpha/#nowhere">x</a>',
        "index.html: \"posts/alpha/#nowhere\": no element with id 'nowhere'",
    ),
    "missing anchor on the page itself": (
        '<a href="#nowhere">x</a>',
        "index.html: \"#nowhere\": no element with id 'nowhere' on this page",
    ),
    "image without alt": ('<img src="img.png">', 'image "img.png" has no alt attribute'),
    "new tab without noopener": (
        '<a href="https://example.com/" target="_blank">x</a>',
        'target="_blank" without rel="noopener"',
    ),
    "private address": ('<a href="http://localhost:8000/x">x</a>', "points at a private address (localhost)"),
    "outside the site": (
        '<a href="/elsewhere/">x</a>',
        f'"/elsewhere/": leads outside the site, which is served under {SITE_URL}',
    ),
    "unknown scheme": ('<a href="htps://example.com/">x</a>', "unknown URL scheme 'htps:' (a typo?)"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_link_is_reported_on_its_page(tmp_path, case):
    html, expected = BROKEN[case]
    problems = check(tmp_path, {**CLEAN, "index.html": page("en", html, alternates(""))})
    assert len(problems) == 1, problems
    assert problems[0].startswith("index.html: ") and expected in problems[0]


def test_an_alternate_that_does_not_link_back_is_one_way(tmp_path):
    ja_without_english = page(
        "ja", "", alternates("").replace(f'hreflang="en" href="{SITE_URL}"', f'hreflang="en" href="{SITE_URL}posts/alpha/"')
    )
    problems = check(tmp_path, {**CLEAN, "ja/index.html": ja_without_english})
    assert any("one-way alternate" in problem for problem in problems), problems


def test_an_alternate_in_the_wrong_language_is_named(tmp_path):
    problems = check(tmp_path, {**CLEAN, "ja/index.html": page("en", "", alternates(""))})
    assert any("whose <html lang> is 'en'" in problem for problem in problems), problems


def test_the_report_groups_problems_by_page_with_their_lines(tmp_path):
    home = page("en", '<a href="a/">1</a>\n<a href="b/">2</a>', alternates(""))
    config = make_site(tmp_path, {**CLEAN, "index.html": home})
    line = home.splitlines().index('<a href="a/">1</a>') + 1
    assert format_problems(check_site(config.site_dir, config).problems).splitlines() == [
        "index.html",
        f'  line {line}: a[href]: "a/": not found in the site (no a/index.html)',
        f'  line {line + 1}: a[href]: "b/": not found in the site (no b/index.html)',
    ]
