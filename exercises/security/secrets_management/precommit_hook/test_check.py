"""Acceptance check: run as pre-commit runs it, the hook exits 1 on a leak and 0 on clean files, reports path, line
and rule without the secret, and survives binary files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"  # AWS's documented example key id
RANDOM_VALUE = "q8Zr2Lx9Vt4Wm1Kp7Ys3Nd6Hf0Jb5Cg"  # made up: high entropy, in no real format
LEAKY = f'import os\nAWS_KEY = "{AWS_KEY}"\napi_token = "{RANDOM_VALUE}"\n'
CLEAN = 'greeting = "hello there"\npassword = os.environ["DB_PASSWORD"]\n'
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd"


def hook(answer: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(  # noqa: S603 - our own interpreter on our own files
        [sys.executable, str(answer), *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"leaky": tmp_path / "settings.py", "clean": tmp_path / "app.py", "png": tmp_path / "logo.png"}
    paths["leaky"].write_text(LEAKY, encoding="utf-8")
    paths["clean"].write_text(CLEAN, encoding="utf-8")
    paths["png"].write_bytes(PNG)
    return paths


def test_a_leak_blocks_the_commit(answer: Path, files: dict[str, Path]) -> None:
    result = hook(answer, files["clean"], files["leaky"])
    assert result.returncode == 1, f"pre-commit blocks a commit only on a non-zero exit; got {result.returncode}"


@pytest.mark.starter_passes
def test_clean_files_pass(answer: Path, files: dict[str, Path]) -> None:
    result = hook(answer, files["clean"])
    assert result.returncode == 0, result.stderr


@pytest.mark.starter_passes
def test_each_finding_names_path_line_and_rule(answer: Path, files: dict[str, Path]) -> None:
    out = hook(answer, files["leaky"]).stdout
    assert f"{files['leaky']}:2: aws-access-key-id" in out and f"{files['leaky']}:3: high-entropy-assignment" in out


def test_the_report_does_not_repeat_the_secret(answer: Path, files: dict[str, Path]) -> None:
    result = hook(answer, files["leaky"])
    output = result.stdout + result.stderr
    assert AWS_KEY not in output and RANDOM_VALUE not in output, "hook output goes to CI logs: never print the value"


def test_a_binary_file_is_skipped_not_fatal(answer: Path, files: dict[str, Path]) -> None:
    clean = hook(answer, files["png"], files["clean"])
    assert clean.returncode == 0 and "Traceback" not in clean.stderr, clean.stderr
    leaky = hook(answer, files["png"], files["leaky"])
    assert leaky.returncode == 1, "a binary file must not hide a leak in the files after it"
