"""Run Bandit (a Python SAST tool) and return its findings as data a test can assert on."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    test_id: str  # e.g. B602 subprocess with shell=True
    line: int
    severity: str
    cwe: int | None


# --8<-- [start:bandit]
def bandit(*paths: Path) -> list[Finding]:
    """Equivalent to `bandit -f json <paths>` in CI; exit code 1 just means 'findings exist'."""
    result = subprocess.run(  # noqa: S603 - fixed argument vector, no shell
        [sys.executable, "-m", "bandit", "--quiet", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr)
    report = json.loads(result.stdout)
    if report["errors"]:
        # Bandit exits 0 for a file it cannot parse and lists it only here: unscanned is not clean.
        raise RuntimeError("Bandit could not scan: " + ", ".join(e["filename"] for e in report["errors"]))
    return [
        Finding(r["test_id"], r["line_number"], r["issue_severity"], (r.get("issue_cwe") or {}).get("id"))
        for r in report["results"]
    ]


# --8<-- [end:bandit]
