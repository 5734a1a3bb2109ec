"""Terraform and CloudFormation describe the same registry and OIDC roles, with the same guard rails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import hcl2
import yaml

LAB = Path(__file__).resolve().parent.parent


def terraform() -> dict[str, Any]:
    merged: dict[str, Any] = {"resource": {}, "data": {}, "terraform": [], "variable": []}
    for path in sorted((LAB / "terraform").glob("*.tf")):
        with path.open(encoding="utf-8") as handle:
            parsed = hcl2.load(handle)
        for kind in ("resource", "data"):
            for block in parsed.get(kind, []):
                for type_name, instances in block.items():
                    merged[kind].setdefault(type_name, {}).update(instances)
        merged["terraform"] += parsed.get("terraform", [])
        merged["variable"] += parsed.get("variable", [])
    return merged


class CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation short-form tags (!Ref, !Sub, !GetAtt) as plain values."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return {suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {suffix: loader.construct_sequence(node)}
    return {suffix: loader.construct_mapping(node)}  # type: ignore[arg-type]


CfnLoader.add_multi_constructor("!", _tag)
CFN: dict[str, Any] = yaml.load(
    (LAB / "cloudformation" / "registry.yaml").read_text(encoding="utf-8"),
    Loader=CfnLoader,  # noqa: S506 - a SafeLoader subclass that only adds tag handling
)


def attr(block: dict[str, Any], key: str) -> Any:
    """The HCL parser wraps every attribute value in a one-item list; unwrap it."""
    return block[key][0]


def test_terraform_pins_versions_and_locks_state() -> None:
    block = terraform()["terraform"][0]
    assert attr(block, "required_version") == ">= 1.10"
    assert attr(block, "required_providers")["aws"][0]["version"] == "~> 6.0"
    backend = attr(block, "backend")["s3"]
    assert attr(backend, "use_lockfile") is True and attr(backend, "encrypt") is True


def test_terraform_registry_is_immutable_scanned_and_encrypted() -> None:
    repo = terraform()["resource"]["aws_ecr_repository"]["service"]
    assert attr(repo, "image_tag_mutability") == "IMMUTABLE"
    assert attr(attr(repo, "image_scanning_configuration"), "scan_on_push") is True
    assert attr(attr(repo, "encryption_configuration"), "encryption_type") == "KMS"


def trust(document: str) -> dict[str, list[str]]:
    statement = terraform()["data"]["aws_iam_policy_document"][document]["statement"][0]
    return {attr(c, "variable"): attr(c, "values") for c in statement["condition"]}


def test_terraform_roles_trust_one_subject_each() -> None:
    # Which jobs these subjects admit, and which they keep out, is tested in examples/cloud_devops/pipelines.
    aud = "token.actions.githubusercontent.com:aud"
    sub = "token.actions.githubusercontent.com:sub"
    assert trust("trust_push") == {
        aud: ["sts.amazonaws.com"],
        sub: ["repo:${var.github_repository}:ref:refs/heads/main"],
    }
    assert trust("trust_deploy") == {
        aud: ["sts.amazonaws.com"],
        sub: ["repo:${var.github_repository}:environment:production"],
    }


def test_terraform_deploy_role_reaches_one_cluster_and_one_namespace() -> None:
    resources = terraform()["resource"]
    (statement,) = terraform()["data"]["aws_iam_policy_document"]["find_cluster"]["statement"]
    assert attr(statement, "actions") == ["eks:DescribeCluster"]
    assert attr(statement, "resources")[0].endswith(":cluster/${var.cluster_name}")
    association = resources["aws_eks_access_policy_association"]["deploy"]
    scope = attr(association, "access_scope")
    assert attr(scope, "type") == "namespace" and attr(scope, "namespaces") == ["${var.name}"]
    assert attr(association, "principal_arn") == "${aws_iam_role.deploy.arn}"
    assert attr(resources["aws_iam_role_policy"]["push_images"], "role") == "${aws_iam_role.push.id}"


def push_statements() -> list[dict[str, Any]]:
    return terraform()["data"]["aws_iam_policy_document"]["push_images"]["statement"]


def test_terraform_push_policy_is_scoped_to_the_repository() -> None:
    wildcard = [s for s in push_statements() if attr(s, "resources") == ["*"]]
    assert [attr(s, "actions") for s in wildcard] == [["ecr:GetAuthorizationToken"]]


def test_cloudformation_matches_terraform() -> None:
    resources = CFN["Resources"]
    repo = resources["Repository"]
    assert repo["DeletionPolicy"] == "Retain"
    assert repo["Properties"]["ImageTagMutability"] == "IMMUTABLE"
    assert repo["Properties"]["ImageScanningConfiguration"] == {"ScanOnPush": True}
    subjects = {
        name: resources[name]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Condition"]["StringEquals"][
            "token.actions.githubusercontent.com:sub"
        ]
        for name in ("PushRole", "DeployRole")
    }
    assert subjects == {
        "PushRole": {"Sub": "repo:${GitHubRepository}:ref:refs/heads/main"},
        "DeployRole": {"Sub": "repo:${GitHubRepository}:environment:production"},
    }
    statements = resources["PushRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    tf_actions = attr(push_statements()[1], "actions")
    assert statements[1]["Action"] == tf_actions
    (find_cluster,) = resources["DeployRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    assert find_cluster["Action"] == "eks:DescribeCluster"
    (access,) = resources["DeployAccess"]["Properties"]["AccessPolicies"]
    assert access["AccessScope"] == {"Type": "namespace", "Namespaces": [{"Ref": "ServiceName"}]}
    json.dumps(CFN)  # the parsed template is plain data
