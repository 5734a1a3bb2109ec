"""Acceptance check: the worker's policy, evaluated with IAM's rules, allows the four things the worker does on
its own queue and prefix and nothing an attacker holding its credentials would want; checkov agrees."""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import hcl2
import pytest

from examples.cloud_devops.iam.policy import allows

BIN = Path(sys.executable).parent
QUEUE = "arn:aws:sqs:eu-central-1:123456789012:invoices"
PAYMENTS_QUEUE = "arn:aws:sqs:eu-central-1:123456789012:payments"
BUCKET = "arn:aws:s3:::acme-documents"
NEEDED = [
    ("sqs:ReceiveMessage", QUEUE),
    ("sqs:DeleteMessage", QUEUE),
    ("sqs:ChangeMessageVisibility", QUEUE),
    ("s3:PutObject", f"{BUCKET}/invoices/2026/12/INV-0042.pdf"),
]
ATTACKS = [
    ("sqs:PurgeQueue", QUEUE),
    ("sqs:SendMessage", QUEUE),
    ("sqs:DeleteQueue", QUEUE),
    ("sqs:ReceiveMessage", PAYMENTS_QUEUE),
    ("sqs:PurgeQueue", PAYMENTS_QUEUE),
    ("s3:GetObject", f"{BUCKET}/contracts/customer-17.pdf"),
    ("s3:GetObject", f"{BUCKET}/invoices/2026/12/INV-0041.pdf"),
    ("s3:PutObject", f"{BUCKET}/contracts/customer-17.pdf"),
    ("s3:DeleteObject", f"{BUCKET}/invoices/2026/12/INV-0042.pdf"),
    ("s3:PutBucketPolicy", BUCKET),
    ("s3:ListBucket", BUCKET),
]


def policy(answer: Path) -> dict[str, Any]:
    """The answer's aws_iam_policy_document.invoice_worker as IAM JSON."""
    parsed = hcl2.load(io.StringIO(answer.read_text(encoding="utf-8")))
    (document,) = [block["aws_iam_policy_document"]["invoice_worker"] for block in parsed.get("data", [])]
    statements = []
    for statement in document["statement"]:
        statements.append(
            {
                "Effect": statement.get("effect", ["Allow"])[0],
                "Action": statement.get("actions", [[]])[0],
                "Resource": statement.get("resources", [[]])[0],
            }
        )
    return {"Statement": statements}


@pytest.mark.starter_passes
@pytest.mark.parametrize(("action", "resource"), NEEDED, ids=[a for a, _ in NEEDED])
def test_the_worker_can_do_its_job(answer: Path, action: str, resource: str) -> None:
    assert allows(policy(answer), action, resource), f"the worker needs {action} on {resource}"


@pytest.mark.parametrize(("action", "resource"), ATTACKS, ids=[f"{a}:{r.rsplit(':', 1)[-1]}" for a, r in ATTACKS])
def test_stolen_credentials_cannot(answer: Path, action: str, resource: str) -> None:
    assert not allows(policy(answer), action, resource), f"{action} on {resource} is allowed"


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


def test_checkov_finds_nothing_and_nothing_is_skipped(answer: Path) -> None:
    report = scan(answer)
    failed = [f"{c['check_id']}: {c['check_name']}" for c in report["results"]["failed_checks"]]
    assert failed == [] and report["results"]["skipped_checks"] == [], failed
