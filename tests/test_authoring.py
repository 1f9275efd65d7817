"""The authoring commands, run as an author runs them: `fieldnotes ...` in a copy of the project."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from fieldnotes.core.collection import body_digest
from fieldnotes.core.frontmatter import ParsedSource, parse_source
from fieldnotes.core.parity import compare, read_structure
from sitebuilder import build, make_project, post

TODAY = dt.date(2024, 3, 1)
# Every command and build below sees TODAY as today.
ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(int(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC).timestamp()))}
TODO = "TODO: translate — "

CHART = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'
NOTEBOOK = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")]))

VIEWER = "```3dmol\npdb: 1L2Y\nstyle: cartoon+stick\ncolor: ss\nheight: 360\ncaption: The Trp-cage, PDB 1L2Y\n```"
SPACE = "```space\nid: owner/demo\ntitle: A small demo\nheight: 500\n```"
CODE = "```python\nimport math\n\nprint(math.sqrt(2))  # shared by both languages\n```"
RICH_BODY = f"""A first paragraph that cites a [paper](https://example.org/paper) and uses `inline code`.

A second paragraph before the cut.

<!-- more -->

## Why it matters {{ #why-it-matters }}

Prose that introduces [](#fig-chart) and [](#tbl-runs).

/// figure | fig-chart
![Loss against training steps](assets/rich-post/chart.svg)

Loss of the three runs, from [the logs](https://example.org/logs).
///

/// table | tbl-runs
| Run | Steps |
| --- | --- |
| A | 100 |

The runs of the figure above.
///

{CODE}

{VIEWER}

!!! note "Check first"
    Numbers change between versions; see [the docs](https://example.org/docs).

| Model | Size |
| --- | --- |
| A | 1B |

### How to run it {{ #how-to-run-it }}

1. Install the package.
2. Run [the script](https://example.org/script),
   which takes a minute.

{SPACE}

## Further reading {{ #further-reading }}

- [The paper's code](https://example.org/code).
"""
RICH_POST = post(
    "A rich post: with a colon",
    "2023-05-24",
    RICH_BODY,
    tags=["llm", "evaluation"],
    description="Everything a translation must keep.",
    colab="notebooks/demo.ipynb",
)


def fieldnotes(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fieldnotes.cli", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=False,
    )


def parsed(path: Path, root: Path) -> ParsedSource:
    result = parse_source(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())
    assert isinstance(result, ParsedSource), "\n".join(str(problem) for problem in result)
    return result


def refused(result: subprocess.CompletedProcess, message: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(
        tmp_path,
        {"posts/rich-post.md": RICH_POST},
        extra_files={"posts/assets/rich-post/chart.svg": CHART, "notebooks/demo.ipynb": NOTEBOOK},
    )


# -- fieldnotes new ----------------------------------------------------------------------------


def test_new_scaffolds_a_post_with_valid_front_matter(project):
    result = fieldnotes(project, "new", "quantization-notes", "--author", "hana", "--tags", "quantization,llm")
    assert result.returncode == 0, result.stderr
    assert "created posts/quantization-notes.md" in result.stdout
    path = project / "posts/quantization-notes.md"
    source = parsed(path, project)
    assert source.meta.title == "Quantization notes"
    assert source.meta.date == TODAY
    assert source.meta.authors == ["hana"]
    assert source.meta.tags == ["quantization", "llm"]
    assert source.meta.description
    text = path.read_text(encoding="utf-8")
    assert "\n<!-- more -->\n" in text
    assert "\n## First section { #first-section }\n" in text
    assert text.index("<!-- more -->") < text.index("{ #first-section }")


@pytest.mark.parametrize(("lang", "folder"), [("en", "posts"), ("ja", "ja")])
def test_new_ends_with_its_first_section_and_no_sources_list(project, lang, folder):
    """Works are cited where they are used and listed by the build; posts hold no comment but the cut."""
    assert fieldnotes(project, "new", "fresh-post", "--author", "hana", "--lang", lang).returncode == 0
    text = (project / folder / "fresh-post.md").read_text(encoding="utf-8")
    body = text.split("{ #first-section }\n", 1)[1]
    assert "\n## " not in body, "the first section is the last one"
    assert "#sources" not in text
    assert text.count("<!--") == 1 and "\n<!-- more -->\n" in text


def test_new_keeps_a_title_with_quotes_and_colons(project):
    title = 'RLHF: "what" it costs'
    assert fieldnotes(project, "new", "rlhf-costs", "--author", "leo", "--title", title).returncode == 0
    assert parsed(project / "posts/rlhf-costs.md", project).meta.title == title


def test_new_refuses_to_overwrite(project):
    before = (project / "posts/rich-post.md").read_text(encoding="utf-8")
    refused(fieldnotes(project, "new", "rich-post", "--author", "hana"), "posts/rich-post.md already exists")
    assert (project / "posts/rich-post.md").read_text(encoding="utf-8") == before


def test_new_refuses_a_slug_taken_in_another_language(project):
    (project / "ja/only-japanese.md").write_text(post("日本語だけ", "2023-01-01", "本文。"), encoding="utf-8")
    refused(fieldnotes(project, "new", "only-japanese", "--author", "hana"), "ja/only-japanese.md already exists")
    assert not (project / "posts/only-japanese.md").exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Capital-Letters", "is not a URL-safe slug"),
        ("under_score", "is not a URL-safe slug"),
        ("double--hyphen", "is not a URL-safe slug"),
        ("-leading", "is not a URL-safe slug"),
        ("trailing-", "is not a URL-safe slug"),
        ("café", "is not a URL-safe slug"),
        ("has space", "is not a URL-safe slug"),
        ("../escape", "is not a URL-safe slug"),
        ("index", "is reserved"),
        ("page", "is reserved"),
        ("feed", "is reserved"),
        ("assets", "is reserved"),
    ],
)
def test_new_rejects_bad_slugs(project, slug, message):
    refused(fieldnotes(project, "new", "--author", "hana", "--", slug), message)
    assert sorted(path.name for path in (project / "posts").glob("*.md")) == ["rich-post.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--author", "hanna"], "unknown author 'hanna' (not in the author registry). Did you mean 'hana'?"),
        (
            ["--author", "hana", "--tags", "llm,quantisation"],
            "unknown tag 'quantisation' (not in the tag registry). Did you mean 'quantization'?",
        ),
        (["--author", "hana", "--title", "  "], "--title: the title must not be empty"),
        (["--author", "hana", "--lang", "fr"], "--lang: unknown language 'fr'"),
    ],
)
def test_new_rejects_unknown_ids_and_bad_options(project, args, message):
    refused(fieldnotes(project, "new", "fresh-post", *args), message)
    assert not (project / "posts/fresh-post.md").exists()


def test_new_without_a_project_says_where_to_run_it(tmp_path):
    refused(fieldnotes(tmp_path, "new", "fresh-post", "--author", "hana"), "mkdocs.yml: no such file")


# -- fieldnotes translate ----------------------------------------------------------------------


def test_translate_starts_a_translation_with_the_original_structure(project):
    result = fieldnotes(project, "translate", "rich-post", "--translator", "editors")
    assert result.returncode == 0, result.stderr
    assert "created ja/rich-post.md" in result.stdout
    original = parsed(project / "posts/rich-post.md", project)
    translation = parsed(project / "ja/rich-post.md", project)
    text = (project / "ja/rich-post.md").read_text(encoding="utf-8")

    meta = translation.meta
    assert (meta.date, meta.authors, meta.tags, meta.colab) == (
        original.meta.date,
        ["hana"],
        ["llm", "evaluation"],
        "notebooks/demo.ipynb",
    )
    assert meta.title == TODO + original.meta.title
    assert meta.description == TODO + original.meta.description
    assert meta.translators == ["editors"]
    assert meta.source_digest == body_digest(original.body)
    assert f'source_digest: "{body_digest(original.body)}"' in text

    mine, theirs = read_structure(original.body, original.body_line), read_structure(translation.body, translation.body_line)
    assert [heading[1] for heading in theirs.headings] == ["why-it-matters", "how-to-run-it", "further-reading"]
    assert "## TODO: translate — Why it matters { #why-it-matters }" in text
    assert "### TODO: translate — How to run it { #how-to-run-it }" in text
    for block in (CODE, VIEWER, SPACE):
        assert f"\n{block}\n" in text
    assert "\n<!-- more -->\n" in text
    assert '!!! note "TODO: translate — Check first"' in text
    assert "![TODO: translate — Loss against training steps](assets/rich-post/chart.svg)" in text
    # Figure and table blocks keep their ids; a table block keeps its table first, as the build wants it.
    assert "\n/// figure | fig-chart\n\n![TODO: translate — Loss" in text
    assert "keep [the logs](https://example.org/logs)\n\n///\n" in text
    assert "\n/// table | tbl-runs\n\n| Run | Steps |\n| --- | --- |\n| A | 100 |\n\nTODO: translate — the table above" in text
    assert list(compare(mine, theirs, "posts/rich-post.md")) == []

    for prose in (
        "A second paragraph before the cut",
        "Prose that introduces",
        "Numbers change",
        "Install the package",
        "takes a minute",
    ):
        assert prose not in text
    assert "TODO: translate — posts/rich-post.md:" in text


def test_translate_without_a_translator_leaves_a_hint_and_valid_front_matter(project):
    assert fieldnotes(project, "translate", "rich-post").returncode == 0
    text = (project / "ja/rich-post.md").read_text(encoding="utf-8")
    assert "# translators: [your-author-id]" in text
    assert parsed(project / "ja/rich-post.md", project).meta.translators == []


def test_translate_goes_from_japanese_to_english_when_the_original_is_japanese(project):
    (project / "ja/tokyo-notes.md").write_text(
        post("東京のメモ", "2023-02-01", "## 概要 { #overview }\n\n本文です。"), encoding="utf-8"
    )
    result = fieldnotes(project, "translate", "tokyo-notes", "--to", "en", "--translator", "leo")
    assert result.returncode == 0, result.stderr
    translation = parsed(project / "posts/tokyo-notes.md", project)
    assert translation.meta.source_digest == body_digest(parsed(project / "ja/tokyo-notes.md", project).body)
    assert "## TODO: translate — 概要 { #overview }" in translation.body


def test_translate_picks_the_missing_language_by_default(project):
    (project / "ja/kyoto-notes.md").write_text(post("京都のメモ", "2023-02-01", "本文です。"), encoding="utf-8")
    assert fieldnotes(project, "translate", "kyoto-notes").returncode == 0
    assert (project / "posts/kyoto-notes.md").is_file()


def test_translate_refuses_to_overwrite(project):
    assert fieldnotes(project, "translate", "rich-post").returncode == 0
    path = project / "ja/rich-post.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n翻訳者が書いた段落です。\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    refused(fieldnotes(project, "translate", "rich-post", "--to", "ja"), "ja/rich-post.md already exists")
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Rich_Post"], "is not a URL-safe slug"),
        (["feed"], "is reserved"),
        (["no-such-post"], "there is no post 'no-such-post' to translate: expected posts/no-such-post.md or ja/no-such-post.md"),
        (["rich-post", "--to", "en"], "posts/rich-post.md is the original"),
        (["rich-post", "--to", "de"], "--to: unknown language 'de'"),
        (
            ["rich-post", "--translator", "edtiors"],
            "unknown author 'edtiors' (not in the author registry). Did you mean 'editors'?",
        ),
    ],
)
def test_translate_refusals(project, args, message):
    refused(fieldnotes(project, "translate", *args), message)
    assert not (project / "ja/rich-post.md").exists()


def test_translate_refuses_an_original_with_broken_front_matter(project):
    (project / "posts/broken.md").write_text(
        "---\ntitle: Broken\ndate: 2023-13-01\nauthors: [hana]\n---\n\nText.\n", encoding="utf-8"
    )
    refused(fieldnotes(project, "translate", "broken"), "posts/broken.md:2: front matter is not valid YAML")


def test_scaffolds_fail_the_build_until_written(project):
    assert fieldnotes(project, "new", "fresh-post", "--author", "sam", "--tags", "biology").returncode == 0
    assert fieldnotes(project, "translate", "fresh-post", "--translator", "editors").returncode == 0
    assert fieldnotes(project, "translate", "rich-post", "--translator", "editors").returncode == 0
    site = build(project, env=ENV)
    assert site.returncode == 1
    assert "Traceback" not in site.output
    for file in ("posts/fresh-post.md", "ja/fresh-post.md", "ja/rich-post.md"):
        text = (project / file).read_text(encoding="utf-8")
        first = next(number for number, line in enumerate(text.splitlines(), start=1) if "TODO:" in line)
        assert f"{file}:{first}: still holds a placeholder" in site.output

    for file in ("posts/fresh-post.md", "ja/fresh-post.md", "ja/rich-post.md"):
        path = project / file
        path.write_text(
            path.read_text(encoding="utf-8").replace("TODO: translate — ", "").replace("TODO: ", ""), encoding="utf-8"
        )
    # Writing the original changed it: its translation now follows the written version.
    assert fieldnotes(project, "translate", "--stamp", "ja/fresh-post.md").returncode == 0
    site = build(project, env=ENV)
    assert site.returncode == 0, site.output
    for page in ("posts/fresh-post/", "ja/posts/fresh-post/", "posts/rich-post/", "ja/posts/rich-post/"):
        assert (site.site / page / "index.html").is_file(), page
    states = [cell["data-state"] for cell in site.html("translations/").select("td[data-lang='ja']")]
    assert states == ["up-to-date", "up-to-date"]


def test_an_unfinished_draft_is_left_out_quietly(project):
    assert fieldnotes(project, "new", "fresh-post", "--author", "sam").returncode == 0
    path = project / "posts/fresh-post.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    site = build(project, env=ENV)
    assert site.returncode == 0, site.output
    assert not (site.site / "posts/fresh-post").exists()


# -- fieldnotes status and translate --stamp ---------------------------------------------------

ALPHA_BODY = "Alpha text.\n\n## Part { #part }\n\nMore."
BETA_BODY = "Beta text, changed since it was translated."


@pytest.fixture
def translated(tmp_path: Path) -> Path:
    """alpha: translation up to date; beta: translation outdated; gamma: not translated."""
    return make_project(
        tmp_path,
        {
            "posts/alpha.md": post("Alpha", "2023-03-01", ALPHA_BODY),
            "ja/alpha.md": post(
                "アルファ",
                "2023-03-01",
                "アルファ。\n\n## 部分 { #part }\n\n続き。",
                translators=["editors"],
                source_digest=body_digest(ALPHA_BODY),
            ),
            "posts/beta.md": post("Beta", "2023-02-01", BETA_BODY),
            "ja/beta.md": post("ベータ", "2023-02-01", "ベータ。", translators=["leo"], source_digest=body_digest("Beta text.")),
            "posts/gamma.md": post("Gamma", "2023-01-01", "Gamma text."),
        },
    )


def status_lines(result: subprocess.CompletedProcess) -> dict[str, list[str]]:
    """The status table as {post: cells}, splitting on the two-space column gaps."""
    lines = result.stdout.splitlines()
    return {line.split()[0]: [cell.strip() for cell in line.split("  ") if cell.strip()][1:] for line in lines[1:-1]}


def test_status_shows_every_translation_state(translated):
    result = fieldnotes(translated, "status")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["post", "en", "ja", "translators"]
    rows = status_lines(result)
    assert list(rows) == ["alpha", "beta", "gamma"]
    assert rows["alpha"] == ["original", "up to date", "editors"]
    assert rows["beta"] == ["original", "outdated since February 1, 2023", "leo"]
    assert rows["gamma"] == ["original", "missing"]
    assert result.stdout.splitlines()[-1] == "3 posts; translations: 1 up to date, 1 outdated, 1 missing"


def test_status_fails_on_outdated_only_when_asked(translated):
    result = fieldnotes(translated, "status", "--fail-on-outdated")
    refused(result, "outdated translation(s): ja/beta.md")
    assert "fieldnotes translate --stamp" in result.stderr


def test_stamp_flips_outdated_to_up_to_date(translated):
    result = fieldnotes(translated, "translate", "--stamp", "ja/beta.md")
    assert result.returncode == 0, result.stderr
    assert f"it follows posts/beta.md at {body_digest(BETA_BODY)}" in result.stdout
    assert f'source_digest: "{body_digest(BETA_BODY)}"' in (translated / "ja/beta.md").read_text(encoding="utf-8")
    status = fieldnotes(translated, "status", "--fail-on-outdated")
    assert status.returncode == 0, status.stderr  # gamma is still missing, which is not a failure
    assert status_lines(status)["beta"] == ["original", "up to date", "leo"]
    again = fieldnotes(translated, "translate", "--stamp", "ja/beta.md")
    assert again.returncode == 0 and "nothing changed" in again.stdout


def test_stamp_adds_a_digest_to_a_translation_that_has_none(translated):
    (translated / "ja/gamma.md").write_text(post("ガンマ", "2023-01-01", "ガンマ。"), encoding="utf-8")
    assert fieldnotes(translated, "translate", "--stamp", "ja/gamma.md").returncode == 0
    assert parsed(translated / "ja/gamma.md", translated).meta.source_digest == body_digest("Gamma text.")
    assert status_lines(fieldnotes(translated, "status"))["gamma"] == ["original", "up to date"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("posts/alpha.md", "posts/alpha.md is the original"),
        ("ja/gamma.md", "ja/gamma.md: no such file"),
        ("posts/gamma.md", "no other language has 'gamma.md'"),
        ("notes/alpha.md", "not a post file; expected posts/<slug>.md or ja/<slug>.md"),
    ],
)
def test_stamp_refusals(translated, path, message):
    refused(fieldnotes(translated, "translate", "--stamp", path), message)


def test_status_refuses_posts_the_build_would_refuse(translated):
    (translated / "posts/delta.md").write_text(post("Delta", "2023-01-01", "Text.", tags=["lmm"]), encoding="utf-8")
    refused(fieldnotes(translated, "status"), "unknown tag 'lmm'")


# -- fieldnotes parity and check-front-matter --------------------------------------------------


def test_parity_passes_on_matching_translations(translated):
    for args in ([], ["ja/alpha.md"], ["posts/alpha.md", "ja/beta.md", "posts/gamma.md"]):
        result = fieldnotes(translated, "parity", *args)
        assert result.returncode == 0, result.stdout + result.stderr


def test_parity_reports_drift_with_file_and_line(translated):
    text = post("アルファ", "2023-03-01", "アルファ。\n\n## 部分 { #section }\n\n続き。", source_digest=body_digest(ALPHA_BODY))
    (translated / "ja/alpha.md").write_text(text, encoding="utf-8")
    line = text.splitlines().index("## 部分 { #section }") + 1
    for args in ([], ["ja/alpha.md"], ["posts/alpha.md"]):
        result = fieldnotes(translated, "parity", *args)
        assert result.returncode == 1
        assert (
            f"ja/alpha.md:{line}: section anchors differ from posts/alpha.md: expected ['part'], found ['section']"
            in result.stdout
        )
    assert fieldnotes(translated, "parity", "ja/beta.md").returncode == 0


def test_parity_reports_a_translation_it_cannot_read(translated):
    (translated / "ja/alpha.md").write_text("no front matter\n", encoding="utf-8")
    result = fieldnotes(translated, "parity", "ja/alpha.md")
    assert result.returncode == 1
    assert "ja/alpha.md:1: the file must start with YAML front matter" in result.stdout


def test_parity_refuses_files_outside_the_post_folders(translated):
    refused(fieldnotes(translated, "parity", "mkdocs.yml"), "mkdocs.yml: not a post file")


def test_check_front_matter_passes_valid_posts(translated):
    result = fieldnotes(translated, "check-front-matter", "posts/alpha.md", "ja/alpha.md", "ja/beta.md")
    assert result.returncode == 0, result.stdout
    assert "3 file(s) checked, 0 problem(s)" in result.stdout


BAD_FRONT_MATTER = {
    "unknown tag": (
        "title: T\ndate: 2023-01-01\nauthors: [hana]\ntags: [lmm]\n",
        "posts/bad.md:5: unknown tag 'lmm' (not in the tag registry). Did you mean 'llm'?",
    ),
    "unknown translator": (
        "title: T\ndate: 2023-01-01\nauthors: [hana]\ntranslators: [nobody]\n",
        "posts/bad.md:5: unknown author 'nobody'",
    ),
    "misspelt key": (
        "title: T\ndate: 2023-01-01\nautors: [hana]\n",
        "posts/bad.md:4: unknown key 'autors'. Did you mean 'authors'?",
    ),
    "missing title": ("date: 2023-01-01\nauthors: [hana]\n", "posts/bad.md:2: missing required key 'title'"),
    "bad date": (
        "title: T\ndate: 24 May 2023\nauthors: [hana]\n",
        "posts/bad.md:3: 'date': expected a date written as YYYY-MM-DD",
    ),
    "updated before date": (
        "title: T\ndate: 2023-01-02\nupdated: 2023-01-01\nauthors: [hana]\n",
        "posts/bad.md:4: 'updated' (2023-01-01) is before 'date'",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FRONT_MATTER))
def test_check_front_matter_reports_problems_with_file_and_line(translated, case):
    front, message = BAD_FRONT_MATTER[case]
    (translated / "posts/bad.md").write_text(f"---\n{front}---\n\nText.\n", encoding="utf-8")
    result = fieldnotes(translated, "check-front-matter", "posts/alpha.md", "posts/bad.md")
    assert result.returncode == 1
    assert message in result.stdout
    assert "posts/alpha.md" not in result.stdout


def test_check_front_matter_reports_bad_file_names_and_missing_files(translated):
    (translated / "posts/Bad_Name.md").write_text(post("T", "2023-01-01", "Text."), encoding="utf-8")
    result = fieldnotes(translated, "check-front-matter", "posts/Bad_Name.md", "posts/missing.md")
    assert result.returncode == 1
    assert "posts/Bad_Name.md: file name: 'Bad_Name' is not a URL-safe slug" in result.stdout
    assert "posts/missing.md: no such file" in result.stdout


def test_a_draft_placeholder_lists_the_citations_and_formulas_of_its_paragraph():
    from fieldnotes.authoring.draft import draft_body

    body = "The loss falls as $L \\propto N^{-0.076}$ [@kaplan2020scaling, Fig. 1]; see [the code](https://example.org) and @hoffmann2022training.\n\nNo code: `[@not_a_citation]`.\n"
    assert draft_body(body, "posts/x.md", 7).splitlines()[0] == (
        "TODO: translate — posts/x.md:7; keep $L \\propto N^{-0.076}$, [@kaplan2020scaling, Fig. 1], "
        "[the code](https://example.org), @hoffmann2022training"
    )
    assert draft_body(body, "posts/x.md", 7).splitlines()[2] == "TODO: translate — posts/x.md:9"
