"""Shared fixtures: the built site, a scratch copy of the sources, and what CI requires."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci_policy import IN_CI

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Copied into scratch projects; everything else (venv, node_modules, site) is not needed to build.
SOURCE_PARTS = [
    "mkdocs.yml",
    "docs",
    "data",
    "diagrams",
    "macros",
    "overrides",
    "examples",
    "labs",
    "templates",
    "exercises",
    "capstones",
]


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("SOURCE_DATE_EPOCH", "1764028800")
    return env


def start_serve(project: Path) -> tuple[subprocess.Popen[str], int]:
    """`mkdocs serve --strict` of `project` on a free port, its log on the process's stderr."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [*MKDOCS, "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, port


def run_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in SOURCE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    (site / ".build-log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return site


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the sources that a test may break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def markup_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let everything through the schema, even what it refuses (character references, template delimiters,
    links), to test that every renderer escapes whatever it emits."""
    from macros.core import plain_text

    monkeypatch.setattr(plain_text, "_REFUSED", ())


def require_tool(path: str | None, what: str) -> str:
    """Skip locally when a system tool is missing; fail in CI, where .ci/run installs it."""
    if path and Path(path).exists():
        return path
    if IN_CI:
        pytest.fail(f"{what} is required in CI but was not found; .ci/run should install it")
    pytest.skip(f"{what} not installed on this machine (CI installs it)")
