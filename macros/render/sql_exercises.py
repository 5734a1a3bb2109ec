"""SQL exercises checked in the page: `{{ sql_exercise("id") }}` in a lesson.

An exercise (data/exercises/*.yml, model `SqlExercise` in macros/model/schema.py) names a dataset, a starter
query and a reference solution. Its expected result is not written by hand: `python -m tools.sql_exercises`
runs every solution on a real PostgreSQL server and stores the rows in data/exercises/expected.json, and
tests/test_sql_exercises.py fails when the stored rows differ from what PostgreSQL returns now. The Check
button (docs/assets/javascripts/sql-engine.js) compares the reader's rows with them, and a pass ticks
`exercise:<id>` in the reader's progress.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros.core.html import esc, tag
from macros.model.catalog import Catalog
from macros.model.schema import SqlExercise

EXPECTED_FILE = Path("data/exercises/expected.json")
MAX_EXPECTED_BYTES = 1_000_000  # the results of small exercise queries; a larger file is not ours


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
    result = expected.get(exercise.id)
    if result is None or result.get("solution") != exercise.solution:
        raise ExpectedResultMissing(
            f"exercise '{exercise.id}' has no expected result for its current solution in {EXPECTED_FILE}: "
            "run `python -m tools.sql_exercises` (it needs PostgreSQL) and commit the file"
        )
    return {"columns": result["columns"], "rows": result["rows"]}


def _code(sql: str, runnable_dataset: str | None = None) -> str:
    """A code block in pymdownx.highlight's markup (unhighlighted), runnable when given a dataset."""
    classes = "language-sql sql-run highlight" if runnable_dataset else "language-sql highlight"
    attrs = f' data-dataset="{esc(runnable_dataset)}"' if runnable_dataset else ""
    return f'<div class="{classes}"{attrs}><pre><span></span><code>{esc(sql.rstrip())}</code></pre></div>'


def sql_exercise(catalog: Catalog, expected: dict[str, dict[str, Any]], exercise_id: str) -> str:
    exercise = catalog.exercises.get(exercise_id)
    if exercise is None:
        raise ValueError(f"no SQL exercise '{exercise_id}' in data/exercises/")
    result = expected_for(expected, exercise)
    count = len(result["rows"])
    columns = ", ".join(f"<code>{esc(c)}</code>" for c in result["columns"])
    order = "in this order" if exercise.ordered else "in any order"
    criteria = (
        f"<strong>Done when</strong> your query returns the columns {columns} and the same {count} "
        f"row{'s' if count != 1 else ''} as the reference solution, {order}. "
        "With JavaScript on, Check runs it on PostgreSQL in your browser and ticks the exercise in your progress."
    )
    head = tag("tr", "".join(tag("th", esc(c), scope="col") for c in result["columns"]))
    body = "".join(
        tag("tr", "".join(tag("td", esc("NULL" if v is None else v)) for v in row)) for row in result["rows"]
    )
    table = tag("table", tag("caption", "Expected result") + tag("thead", head) + tag("tbody", body))
    solved = tag(
        "label",
        f'<input type="checkbox" disabled data-progress-key="exercise:{esc(exercise.id)}"> Solved',
        class_="bs-sql-solved",
    )
    return tag(
        "div",
        tag("p", f"<strong>{esc(exercise.title)}.</strong> {esc(exercise.task)}")
        + tag("p", criteria)
        + _code(exercise.starter, exercise.dataset)
        + tag("p", solved)
        + tag("details", tag("summary", "Expected result") + table)
        + tag("details", tag("summary", "Reference solution") + _code(exercise.solution)),
        class_="bs-sql-exercise",
        data_exercise=exercise.id,
        data_ordered="true" if exercise.ordered else "false",
        data_expected=json.dumps(result, separators=(",", ":")),
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
