"""Acceptance check: run as CI runs it, the gate blocks MEDIUM and HIGH findings and names each one, passes LOW
ones, and fails (exit 2) when the scan itself fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
SAMPLES = ROOT / "examples" / "security" / "security_testing"


def gate(answer: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(  # noqa: S603 - our own interpreter on our own files
        [sys.executable, str(answer), *map(str, paths)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def write(path: Path, source: str) -> Path:
    path.write_text(source, encoding="utf-8")
    return path


def test_a_medium_finding_blocks(answer: Path, tmp_path: Path) -> None:
    calc = write(tmp_path / "calc.py", "def calculate(expression: str) -> object:\n    return eval(expression)\n")
    result = gate(answer, calc)
    assert result.returncode == 1, "B307 (eval) is MEDIUM: the policy blocks MEDIUM and HIGH"
    assert f"{calc}:2: B307 MEDIUM" in result.stdout


@pytest.mark.starter_passes
def test_the_vulnerable_sample_blocks_and_names_its_high_findings(answer: Path) -> None:
    sample = SAMPLES / "vulnerable_sample.py"
    result = gate(answer, sample)
    assert result.returncode == 1
    assert f"{sample}:10: B602 HIGH" in result.stdout and f"{sample}:14: B324 HIGH" in result.stdout


def test_every_blocking_finding_is_listed_and_low_ones_are_not(answer: Path) -> None:
    sample = SAMPLES / "vulnerable_sample.py"
    out = gate(answer, sample).stdout
    assert f"{sample}:18: B307 MEDIUM" in out
    assert "B105" not in out and "B404" not in out, "LOW findings are for review, not for blocking"


@pytest.mark.starter_passes
def test_the_fixed_sample_passes(answer: Path) -> None:
    result = gate(answer, SAMPLES / "fixed_sample.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_failed_scan_fails_the_gate(answer: Path, tmp_path: Path) -> None:
    broken = write(tmp_path / "handler.py", "def handler(:\n    return eval(request.args['q'])\n")
    result = gate(answer, SAMPLES / "fixed_sample.py", broken)
    assert result.returncode == 2, (
        f"the scanner could not read {broken.name}, so nothing in it was checked: fail closed (exit 2), "
        f"got {result.returncode}"
    )
    assert "handler.py" in result.stdout + result.stderr, "say which file could not be scanned"
