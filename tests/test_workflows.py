"""CI and contribution files: valid YAML, and calling the commands the README documents."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sysconfig
from pathlib import Path

import pytest
import yaml

from fieldnotes.core.collection import body_digest
from fieldnotes.core.frontmatter import ParsedSource, parse_source
from fieldnotes.core.parity import compare, read_structure
from fieldnotes.core.social import card_cache

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_NAMES = sorted(path.name for path in WORKFLOWS.glob("*.y*ml"))
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
README = (ROOT / "README.md").read_text(encoding="utf-8")
USES_LINE_RE = re.compile(r"^\s*(?:-\s+)?uses:")
PINNED_USES_RE = re.compile(
    r"^\s*(?:-\s+)?uses: (?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # (?P<version>v\d+\.\d+\.\d+)$"
)
# The zizmor installed next to this interpreter, which `make test` installs from the pin in requirements-test.txt.
ZIZMOR = Path(sysconfig.get_path("scripts")) / "zizmor"
ISSUE_FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
PIN_RE = re.compile(r"^(?P<name>[\w.-]+)==", re.MULTILINE)
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


def uses(workflow: dict) -> list[str]:
    """Every action or reusable workflow a workflow calls, from its steps and its jobs."""
    return [item["uses"] for job in workflow["jobs"].values() for item in (job, *job.get("steps", [])) if "uses" in item]


def action(workflow: dict, name: str, job: str | None = None) -> dict:
    """The one step using an action, in the whole workflow or in one job of it."""
    candidates = workflow["jobs"][job].get("steps", []) if job else steps(workflow)
    found = [step for step in candidates if step.get("uses", "").split("@")[0] == name]
    assert len(found) == 1, f"expected one step using {name}"
    return found[0]


def runs(job: dict) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def checking_tool_pins() -> dict[str, str]:
    """The `name==version` pins of requirements-test.txt (the checking tools are pinned there, not in the build's)."""
    text = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    return dict(line.split("==") for line in text.splitlines() if "==" in line)


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


def test_the_test_workflow_runs_the_suite_and_the_second_engine():
    assert set(load(WORKFLOWS / "test.yml")["jobs"]) == {"test", "second-engine"}


@pytest.mark.parametrize("job", ["test", "second-engine"])
def test_test_jobs_set_up_the_documented_tools(test_workflow, job):
    assert test_workflow["jobs"][job]["runs-on"].startswith("ubuntu-")
    assert str(action(test_workflow, "actions/setup-python", job)["with"]["python-version"]) == "3.11"
    assert str(action(test_workflow, "actions/setup-node", job)["with"]["node-version"]) == "20"


def test_tests_run_the_readme_command(test_workflow):
    (command,) = runs(test_workflow["jobs"]["test"])
    assert command.endswith(" " + readme_command("test"))
    # The Makefile installs chromium with apt-get when it is missing, which needs root.
    assert command.startswith("sudo ")


def test_the_second_engine_job_installs_as_the_readme_says_and_compares_the_engines(test_workflow):
    install, compare = runs(test_workflow["jobs"]["second-engine"])
    assert install == f'sudo env "PATH=$PATH" {readme_command("install-test")}'
    assert compare == 'sudo env "PATH=$PATH" .venv/bin/python -m pytest tests/test_second_engine.py'
    assert (ROOT / "tests" / "test_second_engine.py").is_file()
    # `make install-test` makes the ProperDocs venv the test builds with.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^install-test: .*\$\(PROPERDOCS_VENV\)/\.installed$", makefile, re.MULTILINE)


def test_deploy_builds_with_the_readme_command_and_publishes_with_the_pages_actions(deploy_workflow):
    assert triggers(deploy_workflow)["push"]["branches"] == ["main"]
    assert [step["run"].strip() for step in steps(deploy_workflow) if "run" in step] == [readme_command("build")]
    action(deploy_workflow, "actions/configure-pages")
    assert action(deploy_workflow, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert action(deploy_workflow, "actions/deploy-pages")["id"] == "deployment"
    assert str(action(deploy_workflow, "actions/setup-python")["with"]["python-version"]) == "3.11"
    assert deploy_workflow["permissions"] == {}
    # The build job runs the repository's code: it may read the repository and nothing else.
    assert deploy_workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy_workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    deploy_steps = [step.get("uses", "").split("@")[0] for step in deploy_workflow["jobs"]["deploy"]["steps"]]
    assert deploy_steps == ["actions/configure-pages", "actions/deploy-pages"]
    assert deploy_workflow["concurrency"]["group"] == "pages"
    deploy = deploy_workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"


def card_inputs() -> set[Path]:
    """The files a social card's digest depends on (core/social/card_cache.py): posts and their images, the
    registries and interface text, the site's names, the fonts' lock, the drawing code, Pillow's and BudouX's pins."""
    code = {Path(module.__file__).resolve() for module in (card_cache, card_cache.cards, card_cache.fonts, card_cache.phrases)}
    data = [*ROOT.glob("posts/**/*"), *ROOT.glob("ja/**/*"), *ROOT.glob("locales/*")]
    names = ["authors.yml", "tags.yml", "mkdocs.yml", "package-lock.json", "requirements.txt"]
    return code | {path for path in data if path.is_file()} | {ROOT / name for name in names}


def hashed_files(pattern: str) -> set[Path]:
    """The files hashFiles() reads for a pattern: as a glob, where a trailing `**` takes every file below."""
    return {path.resolve() for path in ROOT.glob(pattern + "/*" if pattern.endswith("**") else pattern) if path.is_file()}


def test_deploy_keeps_the_social_cards_between_runs_keyed_on_their_inputs(deploy_workflow):
    cache = action(deploy_workflow, "actions/cache", "build")
    build_steps = deploy_workflow["jobs"]["build"]["steps"]
    assert build_steps.index(cache) < next(i for i, step in enumerate(build_steps) if step.get("run") == "make build")
    assert ROOT / cache["with"]["path"] == ROOT / card_cache.CACHE_FOLDER
    key = re.fullmatch(
        r"(?P<prefix>cards-\$\{\{ runner\.os \}\}-)\$\{\{ hashFiles\((?P<globs>[^)]*)\) \}\}", cache["with"]["key"]
    )
    assert key, cache["with"]["key"]
    # On a miss, the newest cards are restored: the build draws only what changed and prunes the rest.
    assert cache["with"]["restore-keys"] == key["prefix"]
    globs = re.findall(r"'([^']+)'", key["globs"])
    hashed = {pattern: hashed_files(pattern) for pattern in globs}
    assert [pattern for pattern, files in hashed.items() if not files] == []
    assert sorted(str(path.relative_to(ROOT)) for path in card_inputs().difference(*hashed.values())) == []


def test_make_build_is_the_strict_build_from_pinned_requirements():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: install\n\t\$\(BIN\)/mkdocs build --strict$", makefile, re.MULTILINE)
    assert "-r requirements.txt" in makefile


def uses_lines(path: Path) -> list[tuple[int, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(number, line) for number, line in enumerate(lines, 1) if USES_LINE_RE.match(line)]


def test_the_workflows_are_the_test_and_deploy_ones():
    assert WORKFLOW_NAMES == ["deploy.yml", "test.yml"]


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_actions_are_pinned_to_a_commit_with_the_release_in_a_comment(name):
    path = WORKFLOWS / name
    lines = uses_lines(path)
    # Each reference sits on a `uses:` line of its own, so checking the lines checks them all.
    assert len(lines) == len(uses(load(path)))
    for number, line in lines:
        assert PINNED_USES_RE.match(line), f"{name}:{number}: not pinned as `owner/repo@<40-hex sha> # vX.Y.Z`: {line.strip()}"


def test_each_action_has_one_pin_across_the_workflows():
    pins: dict[str, set[tuple[str, str]]] = {}
    for name in WORKFLOW_NAMES:
        for _, line in uses_lines(WORKFLOWS / name):
            match = PINNED_USES_RE.match(line)
            if match:
                pins.setdefault(match["action"], set()).add((match["sha"], match["version"]))
    assert {"actions/checkout", "actions/setup-python", "actions/setup-node"} <= set(pins)
    assert {name: pin for name, pin in pins.items() if len(pin) > 1} == {}


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_checkouts_leave_no_credentials_and_keep_the_history(name):
    checkouts = [step for step in steps(load(WORKFLOWS / name)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False
        # The translation-status page dates outdated translations from git history.
        assert step["with"]["fetch-depth"] == 0


@pytest.mark.parametrize("name", WORKFLOW_NAMES)
def test_only_the_deploy_job_may_write_and_only_to_pages(name):
    workflow = load(WORKFLOWS / name)
    assert workflow["permissions"] == {}
    for job_name, job in workflow["jobs"].items():
        permissions = job["permissions"]
        assert isinstance(permissions, dict), f"{name}: job {job_name} has permissions: {permissions}"
        writes = {scope for scope, access in permissions.items() if access == "write"}
        expected = {"pages", "id-token"} if (name, job_name) == ("deploy.yml", "deploy") else set()
        assert writes == expected, f"{name}: job {job_name} may write {sorted(writes)}"


def test_dependabot_keeps_the_action_python_and_npm_pins_current():
    config = load(DEPENDABOT)
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "npm"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "weekly"
        assert 1 <= update["open-pull-requests-limit"] <= 5
    assert updates["github-actions"]["groups"]["actions"]["patterns"] == ["*"]
    # The manifests Dependabot reads from the root directory: package.json with its lock, and for pip
    # every .txt file there whose name holds `requirements`, which every requirements file of ours is.
    for manifest in ("package.json", "package-lock.json"):
        assert (ROOT / manifest).is_file(), manifest
    tracked = subprocess.run(
        ["git", "ls-files", "*.txt", "*.in"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    requirements = [name for name in tracked if PIN_RE.search((ROOT / name).read_text(encoding="utf-8"))]
    assert {"requirements.txt", "requirements-test.txt", "requirements-properdocs.txt"} <= set(requirements)
    assert [name for name in requirements if "/" in name or "requirements" not in name] == []


def test_dependabot_updates_the_engines_together():
    """One pull request for the engines and what they load, pinned across the requirements files."""
    updates = {update["package-ecosystem"]: update for update in load(DEPENDABOT)["updates"]}
    patterns = updates["pip"]["groups"]["engine"]["patterns"]
    pinned = {
        match["name"] for path in ROOT.glob("*requirements*.txt") for match in PIN_RE.finditer(path.read_text(encoding="utf-8"))
    }
    grouped = {name for name in pinned if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)}
    assert grouped == {"mkdocs", "properdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions"}
    # MkDocs 2 runs no plugins: never proposed.
    assert {"dependency-name": "mkdocs", "update-types": ["version-update:semver-major"]} in updates["pip"]["ignore"]


def zizmor(directory: Path) -> tuple[list[dict], str]:
    """zizmor's findings at its default persona, offline and without a config file, and its log."""
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-config", "--format", "json", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    # 0: no findings; 10 and up: findings, by their highest severity; anything else: zizmor failed.
    assert result.returncode == 0 or result.returncode >= 10, result.stderr
    return json.loads(result.stdout), result.stderr


def describe(findings: list[dict]) -> str:
    return "\n".join(
        f"{finding['ident']} ({finding['determinations']['severity']}): "
        f"{location['symbolic']['key']['Local']['verbatim_path']}:{location['concrete']['location']['start_point']['row'] + 1}: "
        f"{location['symbolic']['annotation']}"
        for finding in findings
        for location in finding["locations"]
        if location["symbolic"]["kind"] == "Primary"
    )


def test_zizmor_is_the_pinned_version():
    pins = checking_tool_pins()
    version = subprocess.run([str(ZIZMOR), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.split() == ["zizmor", pins["zizmor"]]


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot_config():
    findings, log = zizmor(ROOT / ".github")
    assert findings == [], "zizmor findings:\n" + describe(findings)
    audited = {Path(path).resolve() for path in re.findall(r"completed (\S+)", log)}
    assert audited == {WORKFLOWS / name for name in WORKFLOW_NAMES} | {DEPENDABOT}


def test_zizmor_reports_a_tag_reference_write_all_and_kept_credentials(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    permissions: write-all\n"
        "    steps:\n"
        "      - uses: actions/checkout@v5\n"
        "      - run: make build\n",
        encoding="utf-8",
    )
    findings, _ = zizmor(tmp_path / ".github")
    report = describe(findings)
    assert {finding["ident"] for finding in findings} == {"unpinned-uses", "excessive-permissions", "artipacked"}, report
    assert "bad.yml:7:" in report and "bad.yml:5:" in report, report


def test_zizmor_audits_dependabot_configs(tmp_path):
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "dependabot.yml").write_text(
        "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: weekly\n",
        encoding="utf-8",
    )
    findings, _ = zizmor(tmp_path / ".github")
    assert [finding["ident"] for finding in findings] == ["dependabot-cooldown"], describe(findings)


def test_pre_commit_runs_ruff_at_the_pinned_version_and_the_post_checks():
    config = load(ROOT / ".pre-commit-config.yaml")
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert {hook["id"] for hook in ruff["hooks"]} == {"ruff-check", "ruff-format"}
    pins = checking_tool_pins()
    assert ruff["rev"] == "v" + pins["ruff"]
    assert "pre-commit" in pins
    entries = {hook["entry"]: hook for hook in repos["local"]["hooks"]}
    for command in ("check-front-matter", "parity"):
        # Every changed Markdown file; the command keeps the posts, by the folders mkdocs.yml names.
        hook = entries[f".venv/bin/fieldnotes {command} --only-posts"]
        assert (hook["language"], hook["types"]) == ("system", ["markdown"])
        assert "files" not in hook
    hook = entries[".venv/bin/zizmor --offline --no-config .github"]
    assert (hook["language"], hook["pass_filenames"]) == ("system", False)
    files = re.compile(hook["files"])
    assert files.search(".github/workflows/deploy.yml") and files.search(".github/dependabot.yml")
    assert not files.search(".github/ISSUE_TEMPLATE/new-article.yml") and not files.search("mkdocs.yml")


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
        "references.bib",
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
