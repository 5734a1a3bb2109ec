"""The evaluator follows IAM's rules, and the lab's push policy allows exactly what the build job needs."""

from __future__ import annotations

import re

import pytest

from examples.cloud_devops.iam.policy import allows
from labs.deploy_lab.tests.test_deploy_iac import attr, terraform

REPOSITORY = "arn:aws:ecr:eu-west-1:123456789012:repository/deploy-lab"
OTHER = "arn:aws:ecr:eu-west-1:123456789012:repository/payments"


def lab_push_policy() -> dict:
    """The lab's aws_iam_policy_document.push_images as IAM JSON, with the repository's ARN filled in."""
    statements = terraform()["data"]["aws_iam_policy_document"]["push_images"]["statement"]
    return {
        "Statement": [
            {
                "Effect": "Allow",
                "Action": attr(s, "actions"),
                "Resource": [
                    re.sub(r"\$\{aws_ecr_repository\.service\.arn\}", REPOSITORY, r) for r in attr(s, "resources")
                ],
            }
            for s in statements
        ]
    }


# --8<-- [start:lab]
def test_the_build_job_can_push_to_its_repository_and_nowhere_else():
    policy = lab_push_policy()
    for action in ("ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"):
        assert allows(policy, action, REPOSITORY)
        assert not allows(policy, action, OTHER), f"{action} reaches another repository"
    assert allows(policy, "ecr:GetAuthorizationToken", "*")  # the one action without resource-level permissions
    for action in ("ecr:BatchDeleteImage", "ecr:DeleteRepository", "ecr:SetRepositoryPolicy", "iam:PassRole"):
        assert not allows(policy, action, REPOSITORY), f"{action} is not needed to push"


# --8<-- [end:lab]


def test_nothing_is_allowed_unless_a_statement_says_so():
    assert not allows({"Statement": []}, "s3:GetObject", "arn:aws:s3:::bucket/key")


def test_an_explicit_deny_beats_an_allow():
    policy = {
        "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*"},
            {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
        ]
    }
    assert allows(policy, "s3:PutObject", "arn:aws:s3:::reports/2026/12.csv")
    assert not allows(policy, "s3:DeleteObject", "arn:aws:s3:::reports/2026/12.csv")


@pytest.mark.parametrize(
    ("action", "resource", "expected"),
    [
        ("S3:GETOBJECT", "arn:aws:s3:::reports/a.csv", True),  # actions ignore case
        ("s3:GetObject", "arn:aws:s3:::Reports/a.csv", False),  # resources do not
        ("s3:GetObject", "arn:aws:s3:::reports/2026/a.csv", True),  # * crosses slashes in ARNs
        ("s3:GetObjectAcl", "arn:aws:s3:::reports/a.csv", False),  # no wildcard: the exact action only
        ("s3:GetObject", "arn:aws:s3:::reports", False),  # the bucket is not an object in it
    ],
)
def test_matching_rules(action, resource, expected):
    policy = {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}
    assert allows(policy, action, resource) is expected
