"""Check SQL exercises on a real PostgreSQL server, and store what the page needs: `python -m tools.sql_exercises`.

An exercise (data/exercises/*.yml) is checked the way the page checks it (docs/assets/javascripts/sql-engine.js):

1. The result: on a fresh copy of the dataset plus the exercise's `setup` rows, the reader's statements run
   one at a time; none may fail, and the last result with columns must have the solution's columns and rows
   (in its order when the exercise is `ordered`).
2. Every `state` check: after the reader's session ends (an open transaction rolls back), the check's
   statements must give what they give after the solution: the same rows, or an error with the same SQLSTATE.
3. Every `fault` check: the same, on a fresh copy where the check's `fault` ran first.
4. Every `plan` check: EXPLAIN (ANALYZE, FORMAT JSON) of the reader's last statement may read at most so many
   rows of each named table.

The page holds no expected rows, only digests: `compute` runs every reference solution and writes, per
exercise, the result's columns and a SHA-256 digest of each row, and the same for each statement of each
state and fault check, or the SQLSTATE it fails with, to data/exercises/expected.json. tests/test_sql_exercises.py
fails when that file is stale, when a starter passes or when a solution fails. Uses the server at
$TEST_POSTGRES_ADMIN_URL, or starts a throwaway one like the tests do (PostgreSQL server binaries needed).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import psycopg

from examples.databases.pg_admin import scratch_database
from macros.model.catalog import read_catalog
from macros.model.schema import FaultCheck, PlanCheck, SqlExercise, StateCheck
from macros.render.sql_exercises import EXPECTED_FILE
from macros.render.sql_practice import Dataset, datasets
from tools import sql_postgres
from tools.sql_postgres import Step

ROOT = Path(__file__).resolve().parent.parent
MAX_STATEMENT_SHOWN = 80  # characters of a check's statement quoted in a message

Outcome = dict[str, Any]  # {"columns": [...], "rows": [digest, ...]} or {"error": sqlstate}


def exercises(root: Path = ROOT) -> list[SqlExercise]:
    """Every SQL exercise, read and validated with the rest of the data (lessons' pages are not rendered)."""
    catalog, problems = read_catalog(root, root / "docs")
    ours = [str(problem) for problem in problems if problem.file.startswith("data/exercises/")]
    if ours:
        raise SystemExit("\n".join(ours))
    return list(catalog.exercises.values())


# ---- digests: the same bytes as the page's JSON.stringify, hashed the same way ----------------------------


def row_digest(row: list[str | None]) -> str:
    """SHA-256 of the row as compact JSON: what JSON.stringify(row) gives for an array of strings and nulls."""
    text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def digests(rows: list[list[str | None]], ordered: bool) -> list[str]:
    """Row digests in the rows' order, or sorted when the order does not matter (hex sorts the same in JS)."""
    found = [row_digest(row) for row in rows]
    return found if ordered else sorted(found)


def outcome_of(step: Step) -> Outcome:
    """What a check's statement gave, as stored: its error's SQLSTATE, or its result's columns and row digests."""
    if step.error:
        return {"error": step.error["code"]}
    result = step.last_with_columns()
    if result is None:
        return {"columns": [], "rows": []}
    return {"columns": result.columns, "rows": digests(result.rows, ordered=True)}


# ---- running an exercise --------------------------------------------------------------------------------


def _fresh(conn: psycopg.Connection[Any], dataset: Dataset, exercise: SqlExercise, fault: str | None = None) -> None:
    """A fresh copy of the dataset with the exercise's rows, and the fault a check prepares, if any."""
    sql_postgres.reset(conn, dataset, exercise.setup)
    if fault:
        conn.execute(fault.encode())  # our reviewed data: an error here is a broken exercise, and raises


def _after_session(conn: psycopg.Connection[Any], check: StateCheck | FaultCheck) -> list[Step]:
    """The reader's session ends (what it left uncommitted is rolled back), then the check's statements run."""
    sql_postgres.end_session(conn)
    return sql_postgres.run_steps(conn, sql_postgres.split_statements(check.query))


def _plan_problem(
    conn: psycopg.Connection[Any], dataset: Dataset, exercise: SqlExercise, check: PlanCheck, statements: list[str]
) -> str | None:
    _fresh(conn, dataset, exercise)
    sql_postgres.run_steps(conn, statements[:-1])
    step = sql_postgres.explain(conn, statements[-1])
    result = step.last_with_columns()
    if step.error or result is None or not result.rows:
        why = f"ERROR {step.error['code']}: {step.error['message']}" if step.error else "no plan came back"
        return f"{check.requires} Check could not EXPLAIN your last statement ({why})."
    read = sql_postgres.rows_read(result.rows[0][0] or "[]")
    for table, bound in check.max_rows_read.items():
        if read.get(table, 0) > bound:
            return f"{check.requires} Your last statement reads {read[table]:,} rows of {table}; at most {bound:,} may."
    return None


def grade(
    conn: psycopg.Connection[Any], dataset: Dataset, exercise: SqlExercise, expected: dict[str, Any], sql: str
) -> list[str]:
    """What the page's Check would say is wrong with `sql`: nothing when it passes. The result comes first;
    the checks run only once it is right."""
    statements = sql_postgres.split_statements(sql)
    if not statements:
        return ["Write your SQL first."]
    _fresh(conn, dataset, exercise)
    problem = result_problem(expected["result"], sql_postgres.run_steps(conn, statements), exercise.ordered)
    if problem:
        return [problem]
    found: dict[int, str | None] = {}
    # State checks read the database the reader's SQL just ran on, so they come before any fresh copy.
    for n, check in enumerate(exercise.checks):
        if isinstance(check, StateCheck):
            found[n] = outcomes_problem(check, _after_session(conn, check), expected["checks"][n])
    for n, check in enumerate(exercise.checks):
        if isinstance(check, FaultCheck):
            _fresh(conn, dataset, exercise, check.fault)
            sql_postgres.run_steps(conn, statements)
            found[n] = outcomes_problem(check, _after_session(conn, check), expected["checks"][n])
        elif isinstance(check, PlanCheck):
            found[n] = _plan_problem(conn, dataset, exercise, check, statements)
    return [problem for _, problem in sorted(found.items()) if problem]


def expected_for_solution(conn: psycopg.Connection[Any], dataset: Dataset, exercise: SqlExercise) -> dict[str, Any]:
    """What the page stores for an exercise: digests of the solution's result and of every check's statements."""
    _fresh(conn, dataset, exercise)
    steps = sql_postgres.run_steps(conn, sql_postgres.split_statements(exercise.solution))
    failed = [step for step in steps if step.error]
    results = [result for step in steps for result in step.results if result.columns]
    if failed or not results:
        raise SystemExit(f"exercise '{exercise.id}': the solution failed or returned nothing: {failed or steps}")
    checks: list[list[Outcome] | None] = []
    for check in exercise.checks:
        if isinstance(check, StateCheck):
            checks.append([outcome_of(step) for step in _after_session(conn, check)])
        else:
            checks.append(None)
    for n, check in enumerate(exercise.checks):
        if isinstance(check, FaultCheck):
            _fresh(conn, dataset, exercise, check.fault)
            sql_postgres.run_steps(conn, sql_postgres.split_statements(exercise.solution))
            checks[n] = [outcome_of(step) for step in _after_session(conn, check)]
        elif isinstance(check, PlanCheck):
            statements = sql_postgres.split_statements(exercise.solution)
            problem = _plan_problem(conn, dataset, exercise, check, statements)
            if problem:
                raise SystemExit(f"exercise '{exercise.id}': the solution fails its own plan check: {problem}")
    last = results[-1]
    return {
        "source": exercise.fingerprint(),
        "result": {"columns": last.columns, "rows": digests(last.rows, exercise.ordered)},
        "checks": checks,
    }


def compute(admin_url: str, root: Path = ROOT) -> dict[str, dict[str, Any]]:
    """Expected results by exercise id; raises if a solution fails, returns no columns or fails a plan check."""
    known = datasets(root)
    expected = {}
    with scratch_database(admin_url, "exercises") as scratch, sql_postgres.connect(scratch) as conn:
        for exercise in exercises(root):
            if exercise.dataset not in known:
                raise SystemExit(f"exercise '{exercise.id}': no dataset examples/{exercise.dataset}/")
            expected[exercise.id] = expected_for_solution(conn, known[exercise.dataset], exercise)
    return dict(sorted(expected.items()))


# ---- comparing: the page says the same ----------------------------------------------------------------------


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def result_problem(expected: Outcome, steps: list[Step], ordered: bool) -> str | None:
    failed = next(((n, step.error) for n, step in enumerate(steps, 1) if step.error), None)
    if failed:
        n, error = failed
        return f"Statement {n} failed: ERROR {error['code']}: {error['message']}"
    results = [result for step in steps for result in step.results if result.columns]
    if not results:
        return "Your SQL returned no rows to compare: end it with a SELECT."
    actual = results[-1]
    columns = expected["columns"]
    if actual.columns != columns:
        return f"Expected the columns {', '.join(columns)}; your query returned {', '.join(actual.columns)}."
    if len(actual.rows) != len(expected["rows"]):
        return f"Expected {_rows(len(expected['rows']))}; your query returned {_rows(len(actual.rows))}."
    mine = digests(actual.rows, ordered)
    if mine == expected["rows"]:
        return None
    if not ordered:
        missing = len(mine) - _in_common(mine, expected["rows"])
        return f"{_rows(missing)} of your result {'is' if missing == 1 else 'are'} not in the expected result."
    if sorted(mine) == sorted(expected["rows"]):
        return "The rows are right but in the wrong order: check ORDER BY."
    first = next(n for n, (a, b) in enumerate(zip(mine, expected["rows"], strict=True), 1) if a != b)
    return f"Row {first} differs from the expected result."


def _in_common(mine: list[str], theirs: list[str]) -> int:
    """How many of `mine` match a row of `theirs`, each of theirs matched once (both lists sorted)."""
    i = j = common = 0
    while i < len(mine) and j < len(theirs):
        if mine[i] == theirs[j]:
            i, j, common = i + 1, j + 1, common + 1
        elif mine[i] < theirs[j]:
            i += 1
        else:
            j += 1
    return common


def _short(statement: str) -> str:
    text = " ".join(statement.split())
    return text if len(text) <= MAX_STATEMENT_SHOWN else text[: MAX_STATEMENT_SHOWN - 3] + "..."


def outcomes_problem(check: StateCheck | FaultCheck, steps: list[Step], expected: list[Outcome]) -> str | None:
    """The first of a check's statements whose outcome differs from the solution's, said plainly."""
    for step, want in zip(steps, expected, strict=True):
        got = outcome_of(step)
        if got == want:
            continue
        quoted = f'After your SQL, "{_short(step.statement)}"'
        if "error" in want and step.error is None:
            return f"{check.requires} {quoted} should fail with error {want['error']}, but it succeeded."
        if "error" in want:
            return f"{check.requires} {quoted} should fail with error {want['error']}, not {got['error']}."
        if step.error is not None:
            error = f"ERROR {got['error']}: {step.error['message']}"
            return f"{check.requires} {quoted} should succeed, but it failed: {error}"
        return f"{check.requires} {quoted} gives other rows than after the reference solution."
    return None


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
