"""`fieldnotes linkcheck` on a real build: a clean site passes, and each way of breaking it is reported.

The fixture project (the repository's mkdocs.yml, overrides, docs and registries plus three
posts: one in both languages, one English-only, one Japanese-only) is built once per session;
each test breaks a copy of the built site in one way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fieldnotes.cli import main
from fieldnotes.core.collection import body_digest
from fieldnotes.core.search.bundle import read_fragment
from fieldnotes.linkcheck import checker

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"
FIELDNOTES = Path(sys.executable).parent / "fieldnotes"
SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"].rstrip("/") + "/"
REPO_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"].rstrip("/")
REPO = REPO_URL.removeprefix("https://github.com/")
COLAB = f"https://colab.research.google.com/github/{REPO}/blob/main"
SUMMARY_RE = re.compile(r"^(\d+) pages, (\d+) links, (\d+) problems in \d+\.\d\ds$", re.MULTILINE)

BOTH_EN_BODY = f"""
Intro with a [same-page link](#details).

<!-- more -->

## Details {{ #details }}

![A figure](assets/both-post/fig.svg)

See the [English-only post](english-only.md#section-one) and the [notebook on GitHub]({REPO_URL}/blob/main/notebooks/demo.ipynb).

```3dmol
file: assets/both-post/mini.pdb
caption: A tiny structure
```

```space
id: ml-field-notes/protein-viewer
title: Protein viewer
```

[The paper](https://example.org/paper){{ target="_blank" rel="noopener" }}
"""

BOTH_JA_BODY = """
[同じページ](#details)へのリンクを含む導入。

<!-- more -->

## 詳細 { #details }

![図](assets/both-post/fig.svg)

[英語のみの記事](english-only.md)も参照。

```3dmol
file: assets/both-post/mini.pdb
caption: 小さな構造
```

```space
id: ml-field-notes/protein-viewer
title: タンパク質ビューア
```
"""

POSTS = {
    "posts/both-post.md": f'---\ntitle: "Both languages"\ndate: 2023-05-01\nauthors: [hana]\ntags: [llm]\ncolab: notebooks/demo.ipynb\n---\n{BOTH_EN_BODY}',
    "ja/both-post.md": f'---\ntitle: "両方の言語"\ndate: 2023-05-01\nauthors: [hana]\ntags: [llm]\ncolab: notebooks/demo.ipynb\nsource_digest: "{body_digest(BOTH_EN_BODY)}"\n---\n{BOTH_JA_BODY}',
    "posts/english-only.md": '---\ntitle: "English only"\ndate: 2023-04-01\nauthors: [leo]\ntags: [ethics]\n---\n\nOnly in English.\n\n## Section one { #section-one }\n\nText.\n',
    "ja/japanese-only.md": '---\ntitle: "日本語のみ"\ndate: 2023-03-01\nauthors: [sam]\ntags: [biology]\n---\n\n日本語だけの記事です。\n\n## 節 { #section }\n\n本文。\n',
    "posts/assets/both-post/fig.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n',
    "posts/assets/both-post/mini.pdb": "ATOM      1  N   ASN A   1      -8.901   4.127  -0.555  1.00  0.00           N\nEND\n",
    "notebooks/demo.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n',
}


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("linkcheck-project")
    for name in ("mkdocs.yml", "authors.yml", "tags.yml", "CONTRIBUTING.md"):
        shutil.copy2(ROOT / name, root / name)
    for name in ("overrides", "docs", "locales"):
        shutil.copytree(ROOT / name, root / name)
    if (ROOT / "node_modules").is_dir():  # browser libraries the embeds plugin copies into the build
        (root / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    for relative, text in POSTS.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    build = subprocess.run([str(MKDOCS), "build", "--strict"], cwd=root, capture_output=True, text=True, check=False)
    if build.returncode != 0:
        pytest.fail(f"the fixture site does not build:\n{build.stderr[-3000:]}")
    return root


@pytest.fixture
def site(project, tmp_path) -> Path:
    """A fresh copy of the built fixture site, to break."""
    copy = tmp_path / "site"
    shutil.copytree(project / "site", copy)
    return copy


def linkcheck(site: Path, project: Path, capsys) -> tuple[int, str]:
    code = main(["linkcheck", str(site), "--config", str(project / "mkdocs.yml")])
    return code, capsys.readouterr().out


def problems_by_page(output: str) -> dict[str, list[str]]:
    """The report as {page: [problem lines]}; pages are unindented, problems indented."""
    report: dict[str, list[str]] = {}
    page = None
    for line in output.splitlines():
        if SUMMARY_RE.match(line):
            break
        if line.startswith("  "):
            report[page].append(line.strip())
        elif line:
            page = line
            report[page] = []
    return report


def assert_reported(output: str, page: str, *fragments: str) -> None:
    report = problems_by_page(output)
    assert page in report, f"nothing reported for {page}:\n{output}"
    matching = [line for line in report[page] if all(fragment in line for fragment in fragments)]
    assert matching, f"no problem on {page} mentions {fragments}:\n{output}"


def edit(site: Path, page: str, old: str, new: str, count: int = 1) -> None:
    path = site / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {page}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def search_fragments(site: Path, url: str) -> list[str]:
    """The search bundle's records of the page at `url`, one per language index that holds it."""
    found = [
        path.relative_to(site).as_posix()
        for path in sorted(site.glob("pagefind/*/fragment/*.pf_fragment"))
        if read_fragment(path.read_bytes()).url == url
    ]
    assert found, f"no search record of {url}"
    return found


def inject(site: Path, page: str, html: str) -> None:
    edit(site, page, "</article>", html + "\n</article>")


def test_clean_site_reports_nothing(site, project, capsys):
    code, output = linkcheck(site, project, capsys)
    assert code == 0, output
    counts = SUMMARY_RE.search(output)
    assert counts, output
    pages, links, problems = map(int, counts.groups())
    assert problems == 0 and output.strip() == counts.group(0)
    assert pages >= 30 and links > pages * 10


def test_deleted_page(site, project, capsys):
    (site / "posts/english-only/index.html").unlink()
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/both-post/index.html", "a[href]", "../english-only/#section-one", "not found")
    assert_reported(output, "feed.xml", "item/link", "posts/english-only/", "not found")
    assert_reported(output, "sitemap.xml", "url/loc", "not found")


def test_removed_heading_id(site, project, capsys):
    edit(site, "posts/english-only/index.html", '<h2 id="section-one">', "<h2>")
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/both-post/index.html", "no element with id 'section-one' in posts/english-only/index.html")
    for fragment in search_fragments(site, "/posts/english-only/"):
        assert_reported(output, fragment, "anchors[section-one]", "posts/english-only/#section-one", "no element with id")


def test_removed_id_of_a_same_page_link(site, project, capsys):
    edit(site, "posts/both-post/index.html", '<h2 id="details">', "<h2>")
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "posts/both-post/index.html", "no element with id 'details' on this page")


def test_missing_image(site, project, capsys):
    (site / "posts/assets/both-post/fig.svg").unlink()
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/both-post/index.html", "img[src]", "not found", "posts/assets/both-post/fig.svg")
    assert_reported(output, "ja/posts/both-post/index.html", "img[src]", "not found")


def test_missing_data_attribute_file(site, project, capsys):
    (site / "posts/assets/both-post/mini.pdb").unlink()
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "posts/both-post/index.html", "figure[data-src]", "not found")
    assert_reported(output, "ja/posts/both-post/index.html", "figure[data-src]", "not found")


def test_hreflang_pointing_at_a_page_in_the_other_language(site, project, capsys):
    edit(
        site,
        "posts/both-post/index.html",
        f'hreflang="ja" href="{SITE_URL}ja/posts/both-post/"',
        f'hreflang="ja" href="{SITE_URL}posts/both-post/"',
    )
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/both-post/index.html", "hreflang=ja", "whose <html lang> is 'en'")


def test_one_way_alternate(site, project, capsys):
    edit(site, "ja/posts/both-post/index.html", f'<link rel="alternate" hreflang="en" href="{SITE_URL}posts/both-post/">', "")
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(
        output,
        "posts/both-post/index.html",
        "hreflang=ja",
        "one-way alternate",
        "ja/posts/both-post/index.html does not list this page",
    )


def test_hreflang_without_x_default(site, project, capsys):
    edit(
        site,
        "posts/english-only/index.html",
        f'<link rel="alternate" hreflang="x-default" href="{SITE_URL}posts/english-only/">',
        "",
    )
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "posts/english-only/index.html", "without an x-default")


def test_noindex_page_needs_no_hreflang_but_others_do(site, project, capsys):
    noindex = (site / "ja/posts/english-only/index.html").read_text(encoding="utf-8")
    assert 'content="noindex"' in noindex and 'hreflang="x-default"' not in noindex
    edit(site, "about/index.html", f'<link rel="alternate" hreflang="x-default" href="{SITE_URL}about/">', "")
    edit(site, "about/index.html", f'<link rel="alternate" hreflang="en" href="{SITE_URL}about/">', "")
    edit(site, "about/index.html", f'<link rel="alternate" hreflang="ja" href="{SITE_URL}ja/about/">', "")
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "about/index.html", "no hreflang alternates")
    assert "ja/posts/english-only/index.html" not in problems_by_page(output)


def test_missing_language_switcher_target(site, project, capsys):
    (site / "ja/posts/english-only/index.html").unlink()
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/english-only/index.html", "a[data-fieldnotes-switch][href]", "not found")


def test_language_switcher_to_a_page_in_the_wrong_language(site, project, capsys):
    edit(
        site,
        "posts/english-only/index.html",
        'href="../../ja/posts/english-only/" hreflang="ja"',
        'href="../both-post/" hreflang="ja"',
    )
    _, output = linkcheck(site, project, capsys)
    assert_reported(
        output,
        "posts/english-only/index.html",
        "a[data-fieldnotes-switch][href]",
        "switcher entry for 'ja' leads to posts/both-post/index.html, whose <html lang> is 'en'",
    )


def test_sitemap_listing_a_noindex_page(site, project, capsys):
    edit(site, "sitemap.xml", "</urlset>", f"  <url>\n    <loc>{SITE_URL}ja/posts/english-only/</loc>\n  </url>\n</urlset>")
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "sitemap.xml", "url/loc", "ja/posts/english-only/index.html, which is marked noindex")


def test_text_in_data_attributes_is_not_a_link(site, project, capsys):
    inject(
        site,
        "posts/english-only/index.html",
        '<figure data-title="3Dmol.js" data-text-loading="app.py" data-md-color-media="(prefers-color-scheme: dark)"></figure>',
    )
    code, output = linkcheck(site, project, capsys)
    assert code == 0, output


def test_feed_entry_to_a_missing_post(site, project, capsys):
    edit(site, "feed.xml", f"<link>{SITE_URL}posts/english-only/</link>", f"<link>{SITE_URL}posts/no-such-post/</link>")
    edit(site, "ja/feed.json", f'"url": "{SITE_URL}ja/posts/japanese-only/"', f'"url": "{SITE_URL}ja/posts/no-such-post/"')
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "feed.xml", "item/link", "posts/no-such-post/", "not found")
    assert_reported(output, "ja/feed.json", "url", "ja/posts/no-such-post/", "not found")


def test_sitemap_url_that_404s(site, project, capsys):
    edit(site, "sitemap.xml", "</urlset>", f"  <url>\n    <loc>{SITE_URL}posts/gone/</loc>\n  </url>\n</urlset>")
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "sitemap.xml", "url/loc", "posts/gone/", "not found in the site (no posts/gone/index.html)")


def test_missing_notebook(site, project, capsys):
    inject(site, "posts/english-only/index.html", f'<p><a href="{COLAB}/notebooks/missing.ipynb">Open in Colab</a></p>')
    inject(site, "ja/posts/japanese-only/index.html", f'<p><a href="{REPO_URL}/blob/main/notebooks/gone.ipynb">GitHub</a></p>')
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/english-only/index.html", "notebooks/missing.ipynb does not exist in the repository")
    assert_reported(output, "ja/posts/japanese-only/index.html", "notebooks/gone.ipynb does not exist in the repository")


def test_colab_link_to_a_branch_the_site_is_not_built_from(site, project, capsys):
    inject(
        site,
        "posts/english-only/index.html",
        f'<p><a href="{COLAB.replace("/blob/main", "/blob/master")}/notebooks/demo.ipynb">Colab</a></p>',
    )
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "posts/english-only/index.html", "names branch 'master'")


def test_malformed_space_links(site, project, capsys):
    inject(
        site,
        "posts/english-only/index.html",
        '<p><a href="https://huggingface.co/spaces/only-owner">Space</a></p>\n<iframe src="https://Bad_Host.hf.space/" title="x"></iframe>',
    )
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "posts/english-only/index.html", "a[href]", "not a well-formed Space link")
    assert_reported(output, "posts/english-only/index.html", "iframe[src]", "not a well-formed Space host")


def test_image_without_alt(site, project, capsys):
    inject(site, "posts/english-only/index.html", '<p><img src="../assets/both-post/fig.svg"></p>')
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/english-only/index.html", "img[alt]", "no alt attribute")


def test_target_blank_without_noopener(site, project, capsys):
    inject(site, "posts/english-only/index.html", '<p><a href="https://example.org/" target="_blank">x</a></p>')
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/english-only/index.html", "a[href]", 'target="_blank" without rel="noopener"')


def test_http_script_on_https_site(site, project, capsys):
    edit(site, "posts/english-only/index.html", "</head>", '<script src="http://cdn.example.org/x.js"></script>\n</head>')
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    assert_reported(output, "posts/english-only/index.html", "script[src]", "http://cdn.example.org/x.js", "mixed content")


def test_link_to_localhost_and_private_addresses(site, project, capsys):
    inject(
        site,
        "posts/english-only/index.html",
        '<p><a href="http://localhost:8000/posts/">dev</a> <a href="http://192.168.1.20/x">lan</a> <a href="http://[::1]:8000/">v6</a></p>',
    )
    code, output = linkcheck(site, project, capsys)
    assert code == 1
    for host in ("localhost", "192.168.1.20", "::1"):
        assert_reported(output, "posts/english-only/index.html", "a[href]", f"private address ({host})")


def test_each_problem_once_with_line_and_element(site, project, capsys):
    edit(site, "posts/both-post/index.html", '<h2 id="details">', "<h2>")
    _, output = linkcheck(site, project, capsys)
    lines = problems_by_page(output)["posts/both-post/index.html"]
    assert len(lines) == len(set(lines))
    assert all(re.match(r"^line \d+: [\w#-]+(\[[^\]]*\])*: ", line) for line in lines), lines
    source = (site / "posts/both-post/index.html").read_text(encoding="utf-8").splitlines()
    number = int(re.match(r"line (\d+)", lines[0]).group(1))
    assert 'href="#details"' in source[number - 1]
    assert int(SUMMARY_RE.search(output).group(3)) == sum(len(problems) for problems in problems_by_page(output).values())


def test_worker_processes_report_the_same(site, project, capsys, monkeypatch):
    (site / "posts/english-only/index.html").unlink()
    edit(site, "posts/both-post/index.html", '<h2 id="details">', "<h2>")
    _, alone = linkcheck(site, project, capsys)
    monkeypatch.setattr(checker, "PARALLEL_MIN_DOCUMENTS", 0)
    _, in_workers = linkcheck(site, project, capsys)
    assert problems_by_page(in_workers) == problems_by_page(alone) and len(problems_by_page(alone)) > 5


def test_search_records_of_a_deleted_page(site, project, capsys):
    fragments = search_fragments(site, "/posts/english-only/")
    assert len(fragments) == 2  # English, and Japanese readers find the English-only post too
    (site / "posts/english-only/index.html").unlink()
    _, output = linkcheck(site, project, capsys)
    for fragment in fragments:
        assert_reported(output, fragment, "url", '"posts/english-only/": not found in the site')


def test_search_entry_naming_a_missing_file(site, project, capsys):
    [meta] = (site / "pagefind" / "ja").glob("pagefind.*.pf_meta")
    meta.unlink()
    (site / "pagefind" / "en" / "wasm.en.pagefind").unlink()
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "pagefind/ja/pagefind-entry.json", ".hash", meta.name, "not found")
    assert_reported(output, "pagefind/en/pagefind-entry.json", "languages.en.wasm", "wasm.en.pagefind", "not found")


def test_unreadable_search_files(site, project, capsys):
    [fragment] = search_fragments(site, "/ja/posts/japanese-only/")[:1]
    (site / fragment).write_bytes(b"not compressed")
    edit(site, "pagefind/en/pagefind-entry.json", '"languages"', '"langs"')
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, fragment, "not gzip-compressed")
    assert_reported(output, "pagefind/en/pagefind-entry.json", "not a Pagefind entry file")


def test_unreadable_feed(site, project, capsys):
    edit(site, "ja/feed.xml", "</channel>", "<channel>")
    _, output = linkcheck(site, project, capsys)
    assert_reported(output, "ja/feed.xml", "not well-formed XML")


def test_missing_site_dir_exits_2_without_traceback(project, tmp_path):
    result = subprocess.run(
        [str(FIELDNOTES), "linkcheck", str(tmp_path / "nowhere"), "--config", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "no such directory" in result.stderr and "Traceback" not in result.stderr


def test_missing_config_exits_2(site, tmp_path):
    result = subprocess.run(
        [str(FIELDNOTES), "linkcheck", str(site), "--config", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "--config" in result.stderr and "Traceback" not in result.stderr
