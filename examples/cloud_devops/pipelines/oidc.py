"""Which GitHub Actions jobs may assume which AWS role: GitHub's subject claim, and IAM's trust conditions.

GitHub (OpenID Connect reference, "Example subject claims") builds a job's `sub` claim from, in this order:
- the job's environment, if the job names one:   repo:<owner>/<name>:environment:<environment>
- otherwise `pull_request`, for pull request events: repo:<owner>/<name>:pull_request
- otherwise the ref that triggered the run:        repo:<owner>/<name>:ref:refs/heads/main
A colon inside a value is written %3A. Repositories with immutable subject claims (all created after
2026-07-15) write owner@OWNER_ID/name@REPO_ID instead of owner/name.

AWS evaluates a role's trust policy: a statement allows sts:AssumeRoleWithWebIdentity when every condition key
matches one of its values (StringEquals exactly, StringLike with * and ? wildcards).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ISSUER = "token.actions.githubusercontent.com"


@dataclass(frozen=True)
class Job:
    """What GitHub knows about a running job when it signs its OIDC token."""

    repository: str  # owner/name (or owner@id/name@id with immutable subject claims)
    event: str  # push, pull_request, workflow_dispatch...
    ref: str  # refs/heads/main, refs/pull/7/merge...
    environment: str | None = None
    audience: str = "sts.amazonaws.com"  # what the job asked for; the lab asks for AWS STS


# --8<-- [start:subject]
def subject(job: Job) -> str:
    """The `sub` claim GitHub puts in the job's token."""
    if job.environment is not None:
        context = "environment:" + job.environment.replace(":", "%3A")
    elif job.event.startswith("pull_request"):
        context = "pull_request"
    else:
        context = "ref:" + job.ref.replace(":", "%3A")
    return f"repo:{job.repository}:{context}"


def claims(job: Job) -> dict[str, str]:
    """The claims a trust policy can test, keyed as IAM names them."""
    return {f"{ISSUER}:sub": subject(job), f"{ISSUER}:aud": job.audience}


# --8<-- [end:subject]


# --8<-- [start:trust]
def _matches(operator: str, pattern: str, value: str) -> bool:
    if operator == "StringEquals":
        return value == pattern
    if operator == "StringLike":  # * is any run of characters, ? one character; nothing else is special
        regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
        return re.fullmatch(regex, value) is not None
    raise ValueError(f"condition operator {operator} is not modeled")


def allows(trust_policy: dict[str, Any], job: Job) -> bool:
    """Would AWS let this job's token assume the role? Any allowing statement whose conditions all hold."""
    token = claims(job)
    for statement in trust_policy["Statement"]:
        actions = statement.get("Action", [])
        if statement.get("Effect") != "Allow" or "sts:AssumeRoleWithWebIdentity" not in (
            [actions] if isinstance(actions, str) else actions
        ):
            continue
        # No conditions at all means every workflow in every repository on GitHub gets in.
        conditions = statement.get("Condition", {})
        if all(
            key in token and any(_matches(operator, str(v), token[key]) for v in _values(values))
            for operator, block in conditions.items()
            for key, values in block.items()
        ):
            return True
    return False


# --8<-- [end:trust]


def _values(values: str | list[str]) -> list[str]:
    return [values] if isinstance(values, str) else list(values)
