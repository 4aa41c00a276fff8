"""The GitHub workflows follow the security rules, and the issue form matches its parser.

Rules: least-privilege permissions (read-only at the top, writes only in jobs that
pull requests cannot start), every action pinned to a full commit SHA with a version
comment, no ``pull_request_target``, and no ``${{ }}`` expression inside a ``run:``
script (values reach scripts through ``env:``, so untrusted text is never code).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from surveyatlas import suggestion

from .conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}")
UNTRUSTED_TRIGGERS = {"pull_request", "pull_request_review", "pull_request_review_comment"}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow.get("on")
    if isinstance(on, str):
        return {on}
    return set(on or [])


def violations(workflow: dict[str, Any], text: str) -> list[str]:
    """Every broken rule in one workflow (its parsed form and its text)."""
    found: list[str] = []
    events = triggers(workflow)
    if "pull_request_target" in events or "workflow_run" in events:
        found.append("runs with a privileged trigger (pull_request_target or workflow_run)")
    top = workflow.get("permissions")
    if top != {"contents": "read"}:
        found.append(f"top-level permissions must be exactly contents: read, not {top!r}")
    for name, job in (workflow.get("jobs") or {}).items():
        found += job_violations(name, job, events)
    for line in text.splitlines():
        match = re.match(r"\s*-?\s*uses:\s*(\S+)(.*)$", line)
        if match and not match.group(1).startswith("./"):
            if not PINNED.fullmatch(match.group(1)):
                found.append(f"action not pinned to a full commit SHA: {match.group(1)}")
            elif not re.match(r"\s+#\s*v[0-9]", match.group(2)):
                found.append(f"pinned action without a version comment: {match.group(1)}")
    return found


def job_violations(name: str, job: dict[str, Any], events: set[str]) -> list[str]:
    found = []
    permissions = job.get("permissions", {})
    if isinstance(permissions, str):
        found.append(f"job {name}: permissions must list scopes, not {permissions!r}")
        permissions = {}
    writes = sorted(scope for scope, level in permissions.items() if level == "write")
    if writes and events & UNTRUSTED_TRIGGERS:
        found.append(f"job {name}: pull requests can start it, yet it may write {writes}")
    if "timeout-minutes" not in job:
        found.append(f"job {name}: no timeout-minutes")
    for step in job.get("steps", []):
        script = step.get("run", "")
        if "${{" in script:
            found.append(f"job {name}: expression inside run: {script.strip()[:60]!r}")
        checkout = step.get("uses", "").startswith("actions/checkout@")
        keeps_token = (step.get("with") or {}).get("persist-credentials") is not False
        if checkout and keeps_token and events & UNTRUSTED_TRIGGERS:
            found.append(f"job {name}: checkout keeps the token (persist-credentials)")
    return found


def test_there_are_the_four_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml", "links.yml", "suggest-paper.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_the_security_rules(path: Path) -> None:
    assert violations(load(path), path.read_text(encoding="utf-8")) == []


BAD = """
name: bad
on:
  pull_request_target:
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
      - run: echo "${{ github.event.pull_request.title }}"
"""


def test_the_rules_catch_each_mistake() -> None:
    text = BAD.replace("pull_request_target:", "pull_request_target:\n  pull_request:")
    assert violations(load_text(text), text) == [
        "runs with a privileged trigger (pull_request_target or workflow_run)",
        "top-level permissions must be exactly contents: read, not 'write-all'",
        "job build: pull requests can start it, yet it may write ['contents']",
        "job build: no timeout-minutes",
        "job build: checkout keeps the token (persist-credentials)",
        "job build: expression inside run: 'echo \"${{ github.event.pull_request.title }}\"'",
        "action not pinned to a full commit SHA: actions/checkout@v4",
        "pinned action without a version comment: "
        "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065",
    ]


def load_text(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    if True in data:
        data["on"] = data.pop(True)
    return data  # type: ignore[no-any-return]


def test_ci_runs_every_check_on_pull_requests() -> None:
    ci = load(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in triggers(ci)
    scripts = "\n".join(step.get("run", "") for step in ci["jobs"]["check"]["steps"])
    for command in (
        "bash .ci/run",
        "surveyatlas check",
        "surveyatlas fmt --check",
        "surveyatlas build --site-dir site",
        "surveyatlas scan site",
        'surveyatlas pr-summary --base HEAD^1 >> "$GITHUB_STEP_SUMMARY"',
    ):
        assert command in scripts


def test_deploy_uses_the_official_pages_actions_with_writes_only_in_deploy() -> None:
    deploy = load(GITHUB / "workflows" / "deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    uses = [
        step.get("uses", "").split("@")[0]
        for job in deploy["jobs"].values()
        for step in job["steps"]
    ]
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert action in uses
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_links_run_weekly_and_never_on_pull_requests() -> None:
    links = load(GITHUB / "workflows" / "links.yml")
    assert triggers(links) == {"schedule", "workflow_dispatch"}
    assert "surveyatlas links --format markdown" in links["jobs"]["links"]["steps"][3]["run"]


def test_suggestions_need_the_maintainers_label() -> None:
    workflow = load(GITHUB / "workflows" / "suggest-paper.yml")
    assert workflow["on"] == {"issues": {"types": ["labeled"]}}
    job = workflow["jobs"]["add"]
    assert job["if"] == "github.event.label.name == 'accepted-paper'"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    step = next(s for s in job["steps"] if "add-suggestion" in s.get("run", ""))
    assert step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"


def test_issue_form_labels_match_the_parser() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "suggest-paper.yml").read_text())
    assert form["name"] == "Suggest a paper"
    labels = [item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"]
    assert labels == [suggestion.ARXIV_LABEL, suggestion.TOPICS_LABEL, suggestion.WHY_LABEL]


def test_pull_request_template_has_a_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text()
    assert text.count("- [ ]") >= 6
    assert "in my own words" in text


def test_editor_settings_map_the_schemas_to_the_content() -> None:
    import json

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {
        "./content/schemas/paper.schema.json": "content/papers/*.yml",
        "./content/schemas/survey.schema.json": "content/surveys/*.yml",
    }
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file()
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text())
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_every_content_file_names_its_schema() -> None:
    for folder, kind in (("papers", "paper"), ("surveys", "survey")):
        for path in sorted((ROOT / "content" / folder).glob("*.yml")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", path


def test_pre_commit_hooks_are_local_and_offline() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "surveyatlas-fmt", "surveyatlas-check"} <= set(hooks)
    for hook in hooks.values():
        assert hook["language"] == "system"
        assert hook["entry"].startswith(".venv/bin/")
    assert hooks["surveyatlas-fmt"]["entry"].endswith("surveyatlas fmt --check")
    assert hooks["surveyatlas-check"]["pass_filenames"] is False


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", [GITHUB / "ISSUE_TEMPLATE" / "suggest-paper.yml"]),
        ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
)
def test_files_are_valid_for_github(schema: str, files: list[Path]) -> None:
    """GitHub's own schemas (as shipped, offline, by check-jsonschema) accept the files."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
