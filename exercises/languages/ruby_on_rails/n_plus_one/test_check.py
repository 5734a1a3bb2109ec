"""Acceptance check: the admin listing shows the right 20 items with their categories, in two queries.

The answer runs on plain Ruby against mini_record.rb, a small stand-in for the ActiveRecord API the lesson
uses (order, limit, includes, lazy belongs_to), which logs every query the way Rails' query log would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_tool

CHECK = Path(__file__).with_name("check.rb")


def run_listing(answer: Path, seed: int) -> dict[str, Any]:
    ruby = require_tool(shutil.which("ruby"), "Ruby interpreter (Debian package ruby)")
    result = subprocess.run(  # noqa: S603
        [ruby, str(CHECK), str(answer), str(seed)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, f"the answer raised:\n{result.stderr}"
    return json.loads(result.stdout)


@pytest.mark.starter_passes
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_listing_shows_the_first_20_items_with_their_categories(answer: Path, seed: int) -> None:
    run = run_listing(answer, seed)
    assert run["listing"] == run["expected"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_listing_takes_two_queries(answer: Path, seed: int) -> None:
    run = run_listing(answer, seed)
    assert run["listing"] == run["expected"], "the listing changed: same 20 items, same categories"
    lazy = [sql for sql in run["queries"] if "categories.id = ?" in sql]
    assert len(run["queries"]) <= 2, (
        f"{len(run['queries'])} queries for 20 rows, {len(lazy)} of them loading one category each: the N+1 "
        "problem. Load the items' categories together with the items."
    )
