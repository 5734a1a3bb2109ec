"""GitLab CI and Jenkins files are structure-checked, and all three pipelines do the same job."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

CI = Path(__file__).resolve().parent.parent / "ci"
GITLAB: dict[str, Any] = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
JENKINS = (CI / "Jenkinsfile").read_text(encoding="utf-8")
GITHUB: dict[str, Any] = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
# Keywords GitLab reserves at the top level; every other top-level key is a job.
GITLAB_GLOBAL = {"stages", "variables", "workflow", "default", "include", "image", "services", "cache"}

TEST_COMMAND = "python -m pytest -q labs/deploy_lab/tests"


def gitlab_jobs() -> dict[str, dict[str, Any]]:
    return {name: job for name, job in GITLAB.items() if name not in GITLAB_GLOBAL and not name.startswith(".")}


def test_gitlab_jobs_use_declared_stages_and_existing_needs() -> None:
    jobs = gitlab_jobs()
    assert GITLAB["stages"] == ["test", "build", "deploy"]
    for name, job in jobs.items():
        assert job["stage"] in GITLAB["stages"], name
        assert job["script"], name
        for needed in job.get("needs", []):
            assert needed in jobs, f"{name} needs unknown job {needed}"


def test_gitlab_deploy_is_manual_serialised_and_keyless() -> None:
    deploy = gitlab_jobs()["deploy"]
    assert deploy["rules"][0]["when"] == "manual"
    assert deploy["environment"]["name"] == "production"
    assert deploy["resource_group"] == "production"
    assert deploy["id_tokens"]["AWS_ID_TOKEN"]["aud"] == "sts.amazonaws.com"
    text = (CI / "gitlab-ci.yml").read_text(encoding="utf-8")
    assert "AWS_SECRET_ACCESS_KEY" not in text and "AWS_ACCESS_KEY_ID" not in text


def jenkins_stages() -> list[str]:
    return re.findall(r"stage\('([^']+)'\)", JENKINS)


def test_jenkinsfile_is_balanced_declarative_pipeline() -> None:
    code = re.sub(r"'''.*?'''|'[^'\n]*'|\"[^\"\n]*\"|//[^\n]*", "", JENKINS, flags=re.S)
    depth = 0
    for char in code:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, "a closing brace without an opening one"
    assert depth == 0
    assert code.strip().startswith("pipeline {")
    for section in ("agent", "options", "environment", "stages", "post"):
        assert re.search(rf"^\s*{section}\b", code, re.M), section


def test_jenkins_approval_happens_before_an_agent_is_taken() -> None:
    deploy = JENKINS[JENKINS.index("stage('Deploy to production')") :]
    assert deploy.index("input {") < deploy.index("agent {")
    assert "beforeInput true" in deploy


def test_all_three_pipelines_have_the_same_stages_and_test_command() -> None:
    assert list(GITHUB["jobs"]) == ["test", "build", "deploy"]
    assert list(gitlab_jobs()) == ["test", "build", "deploy"]
    assert jenkins_stages() == ["Test", "Build and push", "Deploy to production"]
    github_runs = [step.get("run", "") for step in GITHUB["jobs"]["test"]["steps"]]
    assert TEST_COMMAND in github_runs
    assert TEST_COMMAND in gitlab_jobs()["test"]["script"]
    assert f"sh '{TEST_COMMAND}'" in JENKINS


def test_all_three_pipelines_roll_back_a_failed_rollout() -> None:
    texts = [
        GITHUB["jobs"]["deploy"]["steps"][-1]["run"],
        " ".join(gitlab_jobs()["deploy"]["script"]),
        JENKINS,
    ]
    for text in texts:
        assert "rollout status" in text and "rollout undo" in text


def test_github_workflow_least_privilege() -> None:
    assert GITHUB["permissions"] == {}
    assert GITHUB["jobs"]["test"]["permissions"] == {"contents": "read"}
    assert "id-token" not in GITHUB["jobs"]["test"]["permissions"]
    assert GITHUB["jobs"]["deploy"]["environment"] == "production"
    for job in GITHUB["jobs"].values():
        for step in job["steps"]:
            ref = step.get("uses", "")
            if ref:
                assert re.search(r"@[0-9a-f]{40}$", ref), ref
                if ref.startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
