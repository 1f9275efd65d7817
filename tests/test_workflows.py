"""CI and contribution files: valid YAML, and calling the commands the README documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from fieldnotes.core.collection import body_digest
from fieldnotes.core.frontmatter import ParsedSource, parse_source
from fieldnotes.core.parity import compare, read_structure

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
README = (ROOT / "README.md").read_text(encoding="utf-8")
PINNED_ACTION_RE = re.compile(r"^[\w-]+/[\w-]+@v\d+$")
ISSUE_FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
EXAMPLE_RE = re.compile(r"^````markdown\n(?P<post>---\n.*?)^````$", re.MULTILINE | re.DOTALL)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: expected a mapping"
    return data


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as true.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def action(workflow: dict, name: str) -> dict:
    found = [step for step in steps(workflow) if step.get("uses", "").split("@")[0] == name]
    assert len(found) == 1, f"expected one step using {name}"
    return found[0]


def readme_command(target: str) -> str:
    command = f"make {target}"
    assert re.search(rf"(^|`){command}(\s|`)", README, re.MULTILINE), f"the README no longer documents `{command}`"
    return command


@pytest.fixture(scope="module")
def test_workflow() -> dict:
    return load(WORKFLOWS / "test.yml")


@pytest.fixture(scope="module")
def deploy_workflow() -> dict:
    return load(WORKFLOWS / "deploy.yml")


def test_tests_run_on_pull_requests_and_main(test_workflow):
    on = triggers(test_workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]


def test_tests_run_the_readme_command_with_the_documented_tools(test_workflow):
    (job,) = test_workflow["jobs"].values()
    assert job["runs-on"].startswith("ubuntu-")
    assert str(action(test_workflow, "actions/setup-python")["with"]["python-version"]) == "3.11"
    assert str(action(test_workflow, "actions/setup-node")["with"]["node-version"]) == "20"
    runs = [step["run"].strip() for step in steps(test_workflow) if "run" in step]
    assert len(runs) == 1
    assert runs[0].endswith(" " + readme_command("test"))
    # The Makefile installs chromium with apt-get when it is missing, which needs root.
    assert runs[0].startswith("sudo ")


def test_deploy_builds_with_the_readme_command_and_publishes_with_the_pages_actions(deploy_workflow):
    assert triggers(deploy_workflow)["push"]["branches"] == ["main"]
    assert [step["run"].strip() for step in steps(deploy_workflow) if "run" in step] == [readme_command("build")]
    action(deploy_workflow, "actions/configure-pages")
    assert action(deploy_workflow, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert action(deploy_workflow, "actions/deploy-pages")["id"] == "deployment"
    assert str(action(deploy_workflow, "actions/setup-python")["with"]["python-version"]) == "3.11"
    assert deploy_workflow["permissions"]["pages"] == "write"
    assert deploy_workflow["permissions"]["id-token"] == "write"
    assert deploy_workflow["concurrency"]["group"] == "pages"
    deploy = deploy_workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"


def test_make_build_is_the_strict_build_from_pinned_requirements():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: install\n\t\$\(BIN\)/mkdocs build --strict$", makefile, re.MULTILINE)
    assert "-r requirements.txt" in makefile


@pytest.mark.parametrize("name", ["test.yml", "deploy.yml"])
def test_actions_are_pinned_by_major_tag(name):
    for step in steps(load(WORKFLOWS / name)):
        if "uses" in step:
            assert PINNED_ACTION_RE.match(step["uses"]), step["uses"]


def test_pre_commit_runs_ruff_at_the_pinned_version_and_the_post_checks():
    config = load(ROOT / ".pre-commit-config.yaml")
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert {hook["id"] for hook in ruff["hooks"]} == {"ruff-check", "ruff-format"}
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines() if "==" in line)
    assert ruff["rev"] == "v" + pins["ruff"]
    assert "pre-commit" in pins
    entries = {hook["entry"]: hook for hook in repos["local"]["hooks"]}
    for command in ("check-front-matter", "parity"):
        hook = entries[f".venv/bin/fieldnotes {command}"]
        assert hook["language"] == "system"
        files = re.compile(hook["files"])
        assert files.search("posts/some-post.md") and files.search("ja/some-post.md")
        assert not files.search("posts/assets/some-post/notes.md") and not files.search("docs/about.md")


def test_ruff_is_configured_for_the_project():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = pyproject.split("[tool.ruff]", 1)[1]
    assert "line-length = 130" in section
    assert 'target-version = "py311"' in section


@pytest.mark.parametrize("name", ["new-article.yml", "translation-request.yml"])
def test_issue_forms_are_valid(name):
    form = load(ROOT / ".github" / "ISSUE_TEMPLATE" / name)
    assert form["name"] and form["description"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in ISSUE_FORM_TYPES
        if item["type"] != "markdown":
            assert item["attributes"]["label"]
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]


def test_pull_request_template_has_the_reviewer_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for check in (
        "make build",
        "make linkcheck",
        "fieldnotes parity",
        "fieldnotes translate --stamp",
        "NOTEBOOK_TEST=1",
        "Sources",
        "No raw HTML",
    ):
        assert check in template, check


def example_post(guide: str) -> ParsedSource:
    """The complete example post at the end of a contributing guide, parsed as the build parses it."""
    text = [match["post"] for match in EXAMPLE_RE.finditer((ROOT / guide).read_text(encoding="utf-8"))][-1]
    parsed = parse_source(text, guide)
    assert isinstance(parsed, ParsedSource), "\n".join(str(problem) for problem in parsed)
    return parsed


def test_the_contributing_example_and_its_translation_are_valid_and_in_step():
    original, translation = example_post("CONTRIBUTING.md"), example_post("CONTRIBUTING.ja.md")
    assert original.meta.source_digest is None
    assert translation.meta.source_digest == body_digest(original.body)
    assert (translation.meta.date, translation.meta.tags) == (original.meta.date, original.meta.tags)
    drift = compare(read_structure(original.body), read_structure(translation.body), "CONTRIBUTING.md")
    assert list(drift) == []
