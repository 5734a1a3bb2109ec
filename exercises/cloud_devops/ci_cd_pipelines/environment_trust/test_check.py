"""Acceptance check: the deploy role admits the deploy job, which now runs in the production environment, and
nothing else: not the build job on main, not pull requests, not staging, not another repository."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from examples.cloud_devops.pipelines.oidc import Job, allows, subject

REPOSITORY = "acme/shop"
PROVIDER = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
DEPLOY = Job(REPOSITORY, "push", "refs/heads/main", environment="production")
# A manual re-run of the deploy job (workflow_dispatch) carries the same environment subject.
REDEPLOY = Job(REPOSITORY, "workflow_dispatch", "refs/heads/main", environment="production")


def policy(answer: Path) -> dict[str, Any]:
    return json.loads(answer.read_text(encoding="utf-8"))


def test_the_deploy_job_gets_in(answer: Path) -> None:
    for job in (DEPLOY, REDEPLOY):
        assert allows(policy(answer), job), f"the deploy job's token has sub {subject(job)!r}; the role refuses it"


def test_the_build_job_on_main_is_kept_out(answer: Path) -> None:
    build = Job(REPOSITORY, "push", "refs/heads/main")
    assert not allows(policy(answer), build), (
        f"{subject(build)} is the build job, which has no reviewers in front of it: it must not deploy"
    )


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    "intruder",
    [
        Job(REPOSITORY, "pull_request", "refs/pull/42/merge"),
        Job(REPOSITORY, "push", "refs/heads/main", environment="staging"),
        Job(REPOSITORY, "push", "refs/heads/main", environment="production-eu"),
        Job("acme/shop-fork", "push", "refs/heads/main", environment="production"),
        Job("acme/shop", "push", "refs/heads/main", environment="production", audience="https://github.com/acme"),
    ],
    ids=["pull-request", "staging", "similar-environment", "other-repository", "default-audience"],
)
def test_everyone_else_is_kept_out(answer: Path, intruder: Job) -> None:
    assert not allows(policy(answer), intruder), f"the role admits {subject(intruder)} ({intruder.audience})"


@pytest.mark.starter_passes
def test_it_is_still_a_web_identity_trust_for_githubs_provider(answer: Path) -> None:
    document = policy(answer)
    assert document.get("Version") == "2012-10-17"
    for statement in document["Statement"]:
        assert statement["Principal"] == {"Federated": PROVIDER}
        assert statement["Action"] in ("sts:AssumeRoleWithWebIdentity", ["sts:AssumeRoleWithWebIdentity"])
