"""Acceptance check: sixteen buyers rush ten units and exactly ten orders are confirmed.

check.rs includes the answer as a module and runs as a Rust test binary (`rustc --test`); each Python test
runs one Rust test by its exact name.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from exercises.languages.toolchains import rustc

CHECK = Path(__file__).with_name("check.rs")


def run_rust_test(answer: Path, workdir: Path, name: str) -> None:
    shutil.copy(answer, workdir / "answer.rs")
    shutil.copy(CHECK, workdir / "check.rs")
    binary = rustc(workdir, "check.rs", workdir / "check", test=True)
    result = subprocess.run(  # noqa: S603
        [str(binary), "--exact", name], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout, result.stdout


@pytest.mark.starter_passes
def test_a_single_buyer_gets_what_is_in_stock_and_no_more(answer: Path, tmp_path: Path) -> None:
    run_rust_test(answer, tmp_path, "a_single_buyer_gets_what_is_in_stock_and_no_more")


def test_a_rush_of_buyers_never_gets_more_than_the_stock(answer: Path, tmp_path: Path) -> None:
    run_rust_test(answer, tmp_path, "a_rush_of_buyers_never_gets_more_than_the_stock")
