"""Linters over the whole repository: ruff for Python, codespell for prose and code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_codespell_is_clean() -> None:
    targets = ["docs", "data", "macros", "examples", "templates", "tests", "README.md", "CONTRIBUTING.md"]
    existing = [t for t in targets if (ROOT / t).exists()]
    codespell = str(Path(sys.executable).parent / "codespell")
    result = subprocess.run(
        [codespell, "--skip", "*.min.js,*.lock,*/vendor/*", *existing],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
