"""Acceptance check: the title check still accepts and rejects the right titles, and no title, however it is
written, runs a command on the runner. Each step is run the way GitHub runs it: expressions in `run:` and `env:`
are replaced by their values first, then bash executes the script."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
BIN = Path(sys.executable).parent
ATTACKS = [
    'x"; touch "$PWNED"; echo "',
    "feat: $(touch $PWNED)",
    "fix: `touch $PWNED`",
    'docs: a"; touch $PWNED; #',
]


def evaluate(text: str, context: dict[str, Any]) -> str:
    """GitHub's expression substitution: the value is pasted into the text as it is, before any shell runs."""

    def value(match: re.Match[str]) -> str:
        node: Any = context
        for part in match[1].split("."):
            if not isinstance(node, dict) or part not in node:
                raise AssertionError(f"the check only knows github.event.pull_request.*, not {match[1]}")
            node = node[part]
        return str(node)

    return EXPRESSION.sub(value, text)


def run_steps(answer: Path, title: str, workdir: Path) -> int:
    """Run every `run:` step of the workflow for a pull request with this title; the first failure's code."""
    workflow = yaml.safe_load(answer.read_text(encoding="utf-8"))
    context = {"github": {"event": {"pull_request": {"title": title, "number": 7}}}}
    bash = shutil.which("bash")
    assert bash, "bash is needed to run the steps"
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "run" not in step:
                continue
            env = {**workflow.get("env", {}), **job.get("env", {}), **step.get("env", {})}
            script = workdir / "step.sh"
            script.write_text(evaluate(step["run"], context), encoding="utf-8")
            result = subprocess.run(  # noqa: S603 - bash with a script the check wrote
                [bash, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workdir,
                env={
                    "PATH": os.environ["PATH"],
                    "HOME": str(workdir),
                    "PWNED": str(workdir / "pwned"),
                    **{k: evaluate(str(v), context) for k, v in env.items()},
                },
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            )
            if result.returncode != 0:
                return result.returncode
    return 0


@pytest.mark.parametrize("title", ATTACKS)
def test_no_title_runs_a_command(answer: Path, tmp_path: Path, title: str) -> None:
    run_steps(answer, title, tmp_path)
    assert not (tmp_path / "pwned").exists(), f"the title {title!r} ran a command on the runner"


@pytest.mark.starter_passes
def test_single_quotes_are_no_fix_either(answer: Path, tmp_path: Path) -> None:
    run_steps(answer, "x'; touch \"$PWNED\"; echo '", tmp_path)
    assert not (tmp_path / "pwned").exists(), "quoting a pasted value cannot make it safe: the value picks the quote"


@pytest.mark.parametrize("title", ["feat(search): add filters", "fix!: drop the v1 endpoint", "chore: bump deps"])
@pytest.mark.starter_passes
def test_conventional_titles_pass(answer: Path, tmp_path: Path, title: str) -> None:
    assert run_steps(answer, title, tmp_path) == 0, f"{title!r} follows the convention"


@pytest.mark.parametrize("title", ["docs: explain the `--dry-run` flag", "feat(search): accept `a|b` in filters"])
def test_titles_with_shell_characters_are_judged_as_text(answer: Path, tmp_path: Path, title: str) -> None:
    # Backticks are common in titles (Markdown code); in the starter they became a command substitution.
    assert run_steps(answer, title, tmp_path) == 0, f"{title!r} follows the convention"


@pytest.mark.parametrize("title", ["Added search filters", "feat:missing space", "WIP"])
@pytest.mark.starter_passes
def test_other_titles_fail(answer: Path, tmp_path: Path, title: str) -> None:
    assert run_steps(answer, title, tmp_path) != 0, f"{title!r} does not follow the convention"


def test_zizmor_finds_nothing(answer: Path) -> None:
    result = subprocess.run(  # noqa: S603 - the linter from the project's virtual environment
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "json", str(answer)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    findings = [f"{f['ident']}: {f['desc']}" for f in json.loads(result.stdout or "[]")]
    assert findings == [], findings


@pytest.mark.starter_passes
def test_the_workflow_keeps_a_read_only_token(answer: Path) -> None:
    workflow = yaml.safe_load(answer.read_text(encoding="utf-8"))
    assert workflow.get("permissions") == {}, "the title check needs no token permissions at all"
    assert list(workflow[True]) == ["pull_request"], "run on pull_request (never pull_request_target)"
