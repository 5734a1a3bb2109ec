"""Acceptance check: checkov (offline) finds nothing in the registry's Terraform and nothing is skipped, and the
release role can still pull while nobody else can."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

BIN = Path(sys.executable).parent
RELEASE_ROLE = "arn:aws:iam::123456789012:role/release-promoter"


@functools.cache
def scan(answer: Path) -> dict[str, Any]:
    env = dict(os.environ, CKV_SKIP_PACKAGE_UPDATE_CHECK="true", BC_SKIP_MAPPING="TRUE")
    env.pop("BC_API_KEY", None)
    result = subprocess.run(  # noqa: S603 - checkov from the project's virtual environment, offline
        [str(BIN / "checkov"), "-f", str(answer), "--framework", "terraform", "--skip-download", "-o", "json"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )
    assert result.returncode in {0, 1}, result.stderr
    return json.loads(result.stdout)


def failed(answer: Path) -> list[str]:
    return [f"{c['check_id']} {c['resource']}: {c['check_name']}" for c in scan(answer)["results"]["failed_checks"]]


def test_the_registry_is_not_public(answer: Path) -> None:
    assert not [f for f in failed(answer) if f.startswith("CKV_AWS_32 ")], "the repository policy lets anyone pull"


def test_the_registry_keeps_tags_immutable_scans_and_encrypts_with_kms(answer: Path) -> None:
    wanted = {"CKV_AWS_51", "CKV_AWS_163", "CKV_AWS_136"}
    assert not [f for f in failed(answer) if f.split()[0] in wanted], failed(answer)


def test_checkov_finds_nothing_and_nothing_is_skipped(answer: Path) -> None:
    report = scan(answer)
    assert failed(answer) == []
    assert report["results"]["skipped_checks"] == [], "fix the finding rather than skipping the check"
    assert report["summary"]["parsing_errors"] == 0 and report["summary"]["passed"] > 0


@pytest.mark.starter_passes
def test_the_release_role_can_still_pull(answer: Path) -> None:
    text = answer.read_text(encoding="utf-8")
    policy = text[text.index('resource "aws_ecr_repository_policy"') :]
    assert "ecr:BatchGetImage" in policy and "ecr:GetDownloadUrlForLayer" in policy
    assert re.search(r'name\s*=\s*"orders"', text), "the repository keeps its name"
    if "Principal" in policy and '"*"' not in policy:
        assert RELEASE_ROLE in policy, "grant the pull to the release role by its ARN"
