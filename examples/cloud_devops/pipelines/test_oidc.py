"""The lab's roles admit exactly the jobs meant to use them, in Terraform and in CloudFormation alike.

The trust policies are read from the lab's files and evaluated with the model in oidc.py, for the jobs the lab's
workflow runs and for the ones that must stay out (pull requests, other branches, other repositories).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml

from examples.cloud_devops.pipelines.oidc import Job, allows, subject
from labs.deploy_lab.tests.test_deploy_iac import CFN, attr, terraform

LAB = Path(__file__).resolve().parents[3] / "labs" / "deploy_lab"
REPOSITORY = "acme/deploy-lab"
WORKFLOW: dict[str, Any] = yaml.safe_load((LAB / "ci" / "github-actions.yml").read_text(encoding="utf-8"))


def _substitute(text: str) -> str:
    """Fill in the variables the way `terraform apply -var github_repository=acme/deploy-lab` would."""
    return text.replace("${var.github_repository}", REPOSITORY).replace("${var.name}", "deploy-lab")


def terraform_roles() -> dict[str, dict[str, Any]]:
    """Each role's trust policy as IAM JSON, built from its aws_iam_policy_document."""
    documents = terraform()["data"]["aws_iam_policy_document"]
    roles = {}
    for role in terraform()["resource"]["aws_iam_role"].values():
        source = re.fullmatch(r"\$\{data\.aws_iam_policy_document\.(\w+)\.json\}", attr(role, "assume_role_policy"))
        assert source, role
        statements = []
        for block in documents[source[1]]["statement"]:
            condition: dict[str, dict[str, list[str]]] = {}
            for c in block["condition"]:
                condition.setdefault(attr(c, "test"), {})[attr(c, "variable")] = [
                    _substitute(v) for v in attr(c, "values")
                ]
            statements.append({"Effect": "Allow", "Action": attr(block, "actions"), "Condition": condition})
        roles[_substitute(attr(role, "name"))] = {"Statement": statements}
    return roles


def _resolve(node: Any) -> Any:
    """CloudFormation's !Sub with the parameters filled in; other intrinsic functions left as they are."""
    if isinstance(node, dict):
        if set(node) == {"Sub"} and isinstance(node["Sub"], str):
            return node["Sub"].replace("${GitHubRepository}", REPOSITORY).replace("${ServiceName}", "deploy-lab")
        return {key: _resolve(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(value) for value in node]
    return node


def cloudformation_roles() -> dict[str, dict[str, Any]]:
    roles = {}
    for resource in CFN["Resources"].values():
        if resource["Type"] == "AWS::IAM::Role":
            properties = _resolve(resource["Properties"])
            roles[properties["RoleName"]] = properties["AssumeRolePolicyDocument"]
    return roles


def workflow_job(name: str, event: str = "push", ref: str = "refs/heads/main") -> tuple[str, Job]:
    """The role a job of the lab's workflow asks for, and what GitHub knows about it when it runs."""
    job = WORKFLOW["jobs"][name]
    role = job["env"]["AWS_ROLE_ARN"].rsplit("/", 1)[1]
    return role, Job(REPOSITORY, event, ref, environment=job.get("environment"))


@pytest.fixture(params=["terraform", "cloudformation"])
def roles(request: pytest.FixtureRequest) -> dict[str, dict[str, Any]]:
    return terraform_roles() if request.param == "terraform" else cloudformation_roles()


def normalized(policy: dict[str, Any]) -> list[dict[str, Any]]:
    """A trust policy with single values written as lists, so the two tools' spellings compare equal."""
    return [
        {
            "Action": sorted([s["Action"]] if isinstance(s["Action"], str) else s["Action"]),
            "Condition": {
                op: {key: sorted([v] if isinstance(v, str) else v) for key, v in block.items()}
                for op, block in s["Condition"].items()
            },
        }
        for s in policy["Statement"]
    ]


def test_the_two_tools_define_the_same_roles() -> None:
    tf, cfn = terraform_roles(), cloudformation_roles()
    assert sorted(tf) == sorted(cfn) == ["deploy-lab-github-deploy", "deploy-lab-github-push"]
    for name in tf:
        assert normalized(tf[name]) == normalized(cfn[name]), name


def test_each_job_of_the_workflow_can_assume_the_role_it_names(roles: dict[str, dict[str, Any]]) -> None:
    for name in ("build", "deploy"):
        role, job = workflow_job(name)
        assert allows(roles[role], job), f"the {name} job ({subject(job)}) is refused by {role}"


def test_no_job_can_assume_the_other_jobs_role(roles: dict[str, dict[str, Any]]) -> None:
    build_role, build = workflow_job("build")
    deploy_role, deploy = workflow_job("deploy")
    assert build_role != deploy_role
    assert not allows(roles[deploy_role], build), "the build job must not be able to deploy"
    assert not allows(roles[build_role], deploy)


@pytest.mark.parametrize(
    "intruder",
    [
        Job(REPOSITORY, "pull_request", "refs/pull/7/merge"),  # any pull request, from a fork or not
        Job(REPOSITORY, "push", "refs/heads/feature-x"),  # another branch of the same repository
        Job(REPOSITORY, "push", "refs/heads/feature-x", environment="staging"),
        Job("acme/other-service", "push", "refs/heads/main"),
        Job("acme/other-service", "push", "refs/heads/main", environment="production"),
        Job(REPOSITORY, "push", "refs/heads/main", audience="https://github.com/acme"),  # GitHub's default aud
    ],
    ids=["pull-request", "branch", "staging", "other-repo", "other-repo-production", "default-audience"],
)
def test_nobody_else_gets_in(roles: dict[str, dict[str, Any]], intruder: Job) -> None:
    for name, policy in roles.items():
        assert not allows(policy, intruder), f"{name} admits {subject(intruder)}"


def test_subjects_follow_githubs_documented_format() -> None:
    assert subject(Job("octo-org/octo-repo", "push", "refs/heads/demo-branch")) == (
        "repo:octo-org/octo-repo:ref:refs/heads/demo-branch"
    )
    assert (
        subject(Job("octo-org/octo-repo", "pull_request", "refs/pull/1/merge"))
        == "repo:octo-org/octo-repo:pull_request"
    )
    # The environment wins over the event and the branch.
    assert subject(Job("octo-org/octo-repo", "pull_request", "refs/pull/1/merge", "Production")) == (
        "repo:octo-org/octo-repo:environment:Production"
    )
    assert subject(Job("octo-org/octo-repo", "push", "refs/heads/main", "Production:V1")).endswith("Production%3AV1")
    assert subject(Job("octo-org@123456/octo-repo@456789", "push", "refs/heads/main")) == (
        "repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main"
    )


def test_a_wildcard_subject_lets_pull_requests_in() -> None:
    loose = {
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
                    "StringLike": {"token.actions.githubusercontent.com:sub": f"repo:{REPOSITORY}:*"},
                },
            }
        ]
    }
    assert allows(loose, Job(REPOSITORY, "pull_request", "refs/pull/7/merge"))
    no_conditions = {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity"}]}
    assert allows(no_conditions, Job("mallory/anything", "push", "refs/heads/main"))


def test_the_lab_repository_variable_accepts_both_subject_formats() -> None:
    (variable,) = [v["github_repository"] for v in terraform()["variable"] if "github_repository" in v]
    pattern = attr(variable["validation"][0], "condition")
    regex = re.search(r'regex\("(.+)",\s*var\.github_repository\)', pattern)
    assert regex, pattern
    for accepted in ("acme/deploy-lab", "acme@123456/deploy-lab@456789"):
        assert re.fullmatch(regex[1].replace("\\\\", "\\"), accepted), accepted
    for refused in ("acme/*", "acme", "repo:acme/deploy-lab"):
        assert not re.fullmatch(regex[1].replace("\\\\", "\\"), refused), refused


def test_hcl_parses() -> None:
    # The lab's Terraform is read with python-hcl2 throughout; fail loudly here if a file stops parsing.
    for path in (LAB / "terraform").glob("*.tf"):
        with path.open(encoding="utf-8") as handle:
            assert hcl2.load(handle)
