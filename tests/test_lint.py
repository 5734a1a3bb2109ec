"""Linters over the whole repository: ruff for Python, codespell for prose and code, pymarkdownlnt for Markdown."""

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


def test_ruff_format_is_clean() -> None:
    result = _run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_lint_is_clean() -> None:
    # Rules and the reasons for the few turned off live in pyproject.toml under [tool.pymarkdown].
    result = _run("pymarkdown", "scan", "-r", "docs", "templates", "labs", "README.md", "CONTRIBUTING.md")
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_lint_catches_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("# Title\n## No blank line above\nSee http://example.com\n", encoding="utf-8")
    result = _run("pymarkdown", "scan", str(bad))
    assert result.returncode != 0 and "MD022" in result.stdout and "MD034" in result.stdout


def test_codespell_is_clean() -> None:
    targets = [
        "docs",
        "data",
        "macros",
        "examples",
        "labs",
        "exercises",
        "templates",
        "tests",
        "benchmarks",
        "README.md",
        "CONTRIBUTING.md",
    ]
    existing = [t for t in targets if (ROOT / t).exists()]
    codespell = str(Path(sys.executable).parent / "codespell")
    result = subprocess.run(
        [codespell, "--skip", "*.min.js,*.lock,*/vendor/*,*/node_modules/*,package-lock.json", *existing],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
