"""SQL exercises checked in the page: `{{ sql_exercise("id") }}` in a lesson.

An exercise (data/exercises/*.yml, model `SqlExercise` in macros/model/schema.py) names a dataset, the
exercise's own rows on top of it (`setup`), a starter, hints, a reference solution and the checks that test
what the exercise is about: the state the reader's SQL leaves (`state`), that state when one of their
statements fails (`fault`), and the rows their last statement reads (`plan`).

The page carries what Check needs and not the answer: the result's columns and a SHA-256 digest of each
expected row, and per check its SQL and the digests (or SQLSTATE) its statements give after the reference
solution. `python -m tools.sql_exercises` computes them on a real PostgreSQL server into
data/exercises/expected.json; tests/test_sql_exercises.py fails when that file is stale, when a starter
passes or when a solution fails. The Check button (docs/assets/javascripts/sql-engine.js) runs the same
steps on PGlite, and a pass ticks `exercise:<id>` in the reader's progress.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros.core.html import esc, tag
from macros.model.catalog import Catalog
from macros.model.schema import FaultCheck, PlanCheck, SqlExercise, StateCheck

EXPECTED_FILE = Path("data/exercises/expected.json")
MAX_EXPECTED_BYTES = 1_000_000  # digests of small exercise results; a larger file is not ours
REGENERATE = "run `python -m tools.sql_exercises` (it needs PostgreSQL) and commit the file"


class ExpectedResultMissing(ValueError):
    pass


def load_expected(root: Path) -> dict[str, dict[str, Any]]:
    path = root / EXPECTED_FILE
    if not path.is_file():
        return {}
    if path.stat().st_size > MAX_EXPECTED_BYTES:
        raise ExpectedResultMissing(f"{EXPECTED_FILE}: larger than {MAX_EXPECTED_BYTES} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        message = f"{EXPECTED_FILE}: not valid JSON ({error}): run `python -m tools.sql_exercises`"
        raise ExpectedResultMissing(message) from None
    if not isinstance(data, dict):
        raise ExpectedResultMissing(f"{EXPECTED_FILE}: must map exercise ids to results")
    return data


def expected_for(expected: dict[str, dict[str, Any]], exercise: SqlExercise) -> dict[str, Any]:
    """The stored digests for the exercise as it is now (its fingerprint covers the solution, setup and checks)."""
    stored = expected.get(exercise.id)
    if stored is None or stored.get("source") != exercise.fingerprint():
        raise ExpectedResultMissing(
            f"exercise '{exercise.id}' has no expected result for its current solution, setup and checks in "
            f"{EXPECTED_FILE}: {REGENERATE}"
        )
    return {"result": stored["result"], "checks": stored["checks"]}


def _code(sql: str, runnable_dataset: str | None = None) -> str:
    """A code block in pymdownx.highlight's markup (unhighlighted), runnable when given a dataset."""
    classes = "language-sql sql-run highlight" if runnable_dataset else "language-sql highlight"
    attrs = f' data-dataset="{esc(runnable_dataset)}"' if runnable_dataset else ""
    return f'<div class="{classes}"{attrs}><pre><span></span><code>{esc(sql.rstrip())}</code></pre></div>'


def _page_check(check: StateCheck | FaultCheck | PlanCheck, expected: Any) -> dict[str, Any]:
    """One check as the page's script reads it: its SQL from our data, and the solution's digests."""
    if isinstance(check, PlanCheck):
        return {"kind": check.kind, "requires": check.requires, "max_rows_read": check.max_rows_read}
    data: dict[str, Any] = {"kind": check.kind, "requires": check.requires, "query": check.query, "expected": expected}
    if isinstance(check, FaultCheck):
        data["fault"] = check.fault
    return data


def check_data(exercise: SqlExercise, stored: dict[str, Any]) -> dict[str, Any]:
    """Everything Check needs, and nothing that gives the answer away: digests instead of rows."""
    return {
        "ordered": exercise.ordered,
        "setup": exercise.setup,
        "result": stored["result"],
        "checks": [
            _page_check(check, expected) for check, expected in zip(exercise.checks, stored["checks"], strict=True)
        ],
    }


def _criteria(exercise: SqlExercise, result: dict[str, Any]) -> str:
    count = len(result["rows"])
    columns = ", ".join(f"<code>{esc(c)}</code>" for c in result["columns"])
    order = "in this order" if exercise.ordered else "in any order"
    items = [
        f"Your last query returns the columns {columns} and the same {count} row{'s' if count != 1 else ''} "
        f"as the reference solution, {order}."
    ]
    items += [esc(check.requires) for check in exercise.checks]
    return (
        tag("p", "<strong>Done when</strong>")
        + tag("ul", "".join(tag("li", item) for item in items))
        + tag(
            "p",
            "With JavaScript on, Check runs your SQL on PostgreSQL in your browser, one statement at a time as an "
            "application sends them, and ticks the exercise in your progress. The page holds no expected rows, "
            "only their digests.",
        )
    )


def sql_exercise(catalog: Catalog, expected: dict[str, dict[str, Any]], exercise_id: str) -> str:
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        raise ValueError(f"no SQL exercise '{exercise_id}' in data/exercises/")
    stored = expected_for(expected, exercise)
    setup = (
        tag(
            "details",
            tag("summary", "This exercise's data")
            + tag("p", "Loaded after the lesson's dataset and before your SQL, on every Run and Check:")
            + _code(exercise.setup),
        )
        if exercise.setup
        else ""
    )
    solved = tag(
        "label",
        f'<input type="checkbox" disabled data-progress-key="exercise:{esc(exercise.id)}"> Solved',
        class_="bs-sql-solved",
    )
    # Hints come folded and in order, before the folded solution: <details> needs no JavaScript.
    hints = "".join(
        tag("details", tag("summary", f"Hint {n}") + tag("p", esc(hint)), class_="bs-sql-exercise-hint")
        for n, hint in enumerate(exercise.hints, 1)
    )
    return tag(
        "div",
        tag("p", f"<strong>{esc(exercise.title)}.</strong> {esc(exercise.task)}")
        + _criteria(exercise, stored["result"])
        + setup
        + _code(exercise.starter, exercise.dataset)
        + tag("p", solved)
        + hints
        + tag("details", tag("summary", "Reference solution") + _code(exercise.solution)),
        class_="bs-sql-exercise",
        data_exercise=exercise.id,
        data_check=json.dumps(check_data(exercise, stored), separators=(",", ":")),
    )


def injection_form(dataset: str) -> str:
    """The SQL injection lesson's live form: one input, sent through a string-built and a parameterized query.

    Hidden in the HTML: sql-runner.js shows it, since it cannot work without JavaScript.
    """
    field_id = "bs-injection-email"
    return tag(
        "form",
        tag("label", "Email to look up (try a payload)", for_=field_id)
        + f'<input type="text" id="{field_id}" name="email" value="{esc(INJECTION_PAYLOADS[1])}"'
        ' autocomplete="off" spellcheck="false">'
        + tag("div", tag("button", "Run both queries", type="submit", class_="md-button"), class_="bs-sql-actions")
        + tag("div", "", class_="bs-sql-output", role="status", aria_live="polite"),
        class_="bs-sql-form",
        data_sql_form="",
        data_dataset=dataset,
        hidden="",
    )


# The inputs the lesson suggests for the form; tests/test_sql_runner.py runs each through both queries.
INJECTION_PAYLOADS = (
    "bob@example.com",
    "' OR '1'='1",
    "' UNION SELECT id, email || ' admin=' || is_admin FROM users ORDER BY 1 --",
    "x'; DROP TABLE users; --",
)
