"""Acceptance check: publishing waits for the tests, every job's token can do only what that job does, every
action is pinned to the commit of a release it names, checkout keeps no token on disk, and zizmor agrees."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

RELEASES: dict[str, dict[str, str]] = json.loads((Path(__file__).parent / "releases.json").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent
SCOPES = ["actions", "attestations", "checks", "contents", "deployments", "id-token", "issues", "models",
          "discussions", "packages", "pages", "pull-requests", "security-events", "statuses"]  # fmt: skip
# What each job does, and therefore the most its token may hold.
NEEDED = {"test": {"contents": "read"}, "publish": {"contents": "read", "packages": "write"}}


def workflow(answer: Path) -> dict[str, Any]:
    return yaml.safe_load(answer.read_text(encoding="utf-8"))


def effective(permissions: Any) -> dict[str, str]:
    """A permissions value as GitHub applies it: write-all/read-all expand to every scope."""
    if permissions in ("write-all", "read-all"):
        return dict.fromkeys(SCOPES, permissions.split("-")[0])
    return {scope: level for scope, level in (permissions or {}).items() if level != "none"}


def job_permissions(answer: Path, name: str) -> dict[str, str]:
    document = workflow(answer)
    job = document["jobs"][name]
    # A job's own permissions replace the workflow's; without them it inherits the workflow's.
    if "permissions" in job:
        return effective(job["permissions"])
    if "permissions" in document:
        return effective(document["permissions"])
    return dict.fromkeys(SCOPES, "write")  # unset: the repository default, which may still be read-write


def upstream(answer: Path, name: str) -> set[str]:
    jobs = workflow(answer)["jobs"]
    needs = jobs[name].get("needs", [])
    direct = {needs} if isinstance(needs, str) else set(needs)
    return direct | {job for need in direct for job in upstream(answer, need)}


def test_publishing_waits_for_the_tests(answer: Path) -> None:
    assert "test" in upstream(answer, "publish"), "publish runs alongside test, so a red commit still ships"


@pytest.mark.parametrize("job", sorted(NEEDED))
def test_each_token_holds_only_what_its_job_uses(answer: Path, job: str) -> None:
    granted, needed = job_permissions(answer, job), NEEDED[job]
    extra = {scope: level for scope, level in granted.items() if needed.get(scope) != level}
    assert extra == {}, f"the {job} job's token can also do {extra}"
    assert granted == needed, f"the {job} job needs {needed} to do its work, and has {granted}"


def test_actions_are_pinned_to_the_commit_of_a_release(answer: Path) -> None:
    text = answer.read_text(encoding="utf-8")
    for job in workflow(answer)["jobs"].values():
        for step in job["steps"]:
            if "uses" not in step:
                continue
            action, _, ref = step["uses"].partition("@")
            known = RELEASES.get(action, {})
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{step['uses']}: a tag can be moved; pin a full commit SHA"
            assert ref in known.values(), f"{action}@{ref} is not a commit of any release in releases.json"
            tag = next(t for t, sha in known.items() if sha == ref)
            assert re.search(rf"{re.escape(step['uses'])}\s+#\s*{re.escape(tag)}\b", text), (
                f"say which release {ref[:7]} is in a comment (# {tag}), so updates can be reviewed"
            )


def test_checkout_leaves_no_token_in_the_workspace(answer: Path) -> None:
    for name, job in workflow(answer)["jobs"].items():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert (step.get("with") or {}).get("persist-credentials") is False, f"{name}: persist-credentials"


def test_zizmor_finds_nothing(answer: Path) -> None:
    result = subprocess.run(  # noqa: S603 - the linter from the project's virtual environment
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "json", str(answer)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    findings = [f"{f['ident']}: {f['desc']}" for f in json.loads(result.stdout or "[]")]
    assert findings == [], findings


@pytest.mark.starter_passes
def test_the_pipeline_still_tests_and_publishes(answer: Path) -> None:
    jobs = workflow(answer)["jobs"]
    assert any("pytest" in step.get("run", "") for step in jobs["test"]["steps"])
    publish = " ".join(step.get("run", "") for step in jobs["publish"]["steps"])
    assert "docker push" in publish
    assert any(
        step.get("env", {}).get("IMAGE") == "ghcr.io/${{ github.repository }}:${{ github.sha }}"
        for step in jobs["publish"]["steps"]
    ), "publish the image tagged with the commit SHA"
    assert workflow(answer)[True] == {"push": {"branches": ["main"]}}
