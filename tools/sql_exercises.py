"""Compute every SQL exercise's expected result on a real PostgreSQL server: `python -m tools.sql_exercises`.

Runs each reference solution from data/exercises/*.yml on a fresh copy of its dataset, the way the page
runs queries (tools/sql_postgres.py), and writes the rows to data/exercises/expected.json. Uses the server
at $TEST_POSTGRES_ADMIN_URL, or starts a throwaway one like the tests do (PostgreSQL server binaries needed).
tests/test_sql_exercises.py fails when the file and the server disagree.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from examples.databases.pg_admin import scratch_database
from macros.model.schema import SqlExercise
from macros.render.sql_exercises import EXPECTED_FILE
from macros.render.sql_practice import datasets
from macros.site.load import load_catalog
from tools import sql_postgres

ROOT = Path(__file__).resolve().parent.parent


def exercises(root: Path = ROOT) -> list[SqlExercise]:
    return list(load_catalog(root, root / "docs").exercises.values())


def compute(admin_url: str, root: Path = ROOT) -> dict[str, dict[str, Any]]:
    """Expected results by exercise id; raises if a solution fails or returns no columns."""
    known = datasets(root)
    expected = {}
    with scratch_database(admin_url, "exercises") as scratch, sql_postgres.connect(scratch) as conn:
        for exercise in exercises(root):
            if exercise.dataset not in known:
                raise SystemExit(f"exercise '{exercise.id}': no dataset examples/{exercise.dataset}/")
            outcome = sql_postgres.run(conn, known[exercise.dataset], exercise.solution)
            with_columns = [result for result in outcome.results if result.columns]
            if outcome.error or not with_columns:
                raise SystemExit(f"exercise '{exercise.id}': the solution failed or returned nothing: {outcome}")
            last = with_columns[-1]
            # Rows whose order does not matter are stored sorted, so the file does not change with the plan.
            rows = last.rows if exercise.ordered else sorted(last.rows, key=json.dumps)
            expected[exercise.id] = {"solution": exercise.solution, "columns": last.columns, "rows": rows}
    return dict(sorted(expected.items()))


def render(expected: dict[str, dict[str, Any]]) -> str:
    return json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    url = os.environ.get("TEST_POSTGRES_ADMIN_URL")
    if url:
        expected = compute(url)
    else:
        from tests.services import ThrowawayPostgres, postgres_bin_dir

        bin_dir = postgres_bin_dir()
        if bin_dir is None:
            raise SystemExit("no PostgreSQL server binaries: install PostgreSQL or set TEST_POSTGRES_ADMIN_URL")
        server = ThrowawayPostgres(bin_dir)
        try:
            server.start()
            expected = compute(server.admin_url)
        finally:
            server.stop()
    (ROOT / EXPECTED_FILE).write_text(render(expected), encoding="utf-8")
    print(f"{len(expected)} expected results written to {EXPECTED_FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
