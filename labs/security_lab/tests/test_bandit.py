"""Bandit (SAST) passes on the fixed service and fails on the vulnerable one, so the check can fail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LAB = Path(__file__).resolve().parent.parent


def bandit_ids(*files: str) -> set[str]:
    result = subprocess.run(  # noqa: S603 - fixed argument vector
        [sys.executable, "-m", "bandit", "--quiet", "--format", "json", *(str(LAB / f) for f in files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return {issue["test_id"] for issue in json.loads(result.stdout)["results"]}


def test_bandit_finds_nothing_in_the_fixed_service():
    assert bandit_ids("fixed.py", "db.py") == set()


def test_bandit_catches_the_vulnerable_service():
    assert {"B324", "B608"} <= bandit_ids("vulnerable.py")  # MD5 passwords and string-built SQL
