"""SQL exercises: red-first on a real PostgreSQL server, and checked in the page without giving the answer away.

For every exercise the starter fails Check and the reference solution passes it (the result and every
property check), plausible wrong answers fail for the reason the exercise is about, and other right answers
pass. The page stores digests, never rows, and data/exercises/expected.json must be what PostgreSQL gives now.
tests/test_sql_runner.py runs the same answers through the page's own engine on PGlite.
"""

from __future__ import annotations

import html as html_text
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.model.catalog import read_catalog
from macros.model.schema import SqlExercise
from macros.render import sql_exercises
from macros.render.sql_practice import datasets
from tests.conftest import ROOT
from tools import sql_exercises as checker
from tools import sql_postgres

UPDATE_ADA = "UPDATE accounts SET balance_cents = balance_cents - 2100 WHERE id = 1;\n"
CREDIT_CY = "UPDATE accounts SET balance_cents = balance_cents + 2000 WHERE id = 3;\n"
LIST_ACCOUNTS = "SELECT id, owner, balance_cents FROM accounts ORDER BY id;"
SPEND = (
    "WITH spend AS (SELECT c.country, c.name, sum(o.total_cents) AS total_cents, {window} OVER "
    "(PARTITION BY c.country ORDER BY sum(o.total_cents){direction}) AS place FROM customers AS c "
    "JOIN orders AS o ON o.customer_id = c.id GROUP BY c.country, c.id, c.name) "
    "SELECT country, name, total_cents FROM spend WHERE place = 1 ORDER BY country, name{name_order}"
)
CONSTRAINT = (
    "ALTER TABLE courses ADD CONSTRAINT courses_title_not_blank CHECK ({rule});\n"
    "SELECT conname FROM pg_constraint WHERE conrelid = 'courses'::regclass AND contype = 'c';"
)
# The daily revenue exercise: {load} is how the reader loads the orders, {late} how they add the late ones.
REVENUE = (
    "CREATE TABLE daily_revenue (day date PRIMARY KEY, cents integer NOT NULL);\n"
    "INSERT INTO daily_revenue (day, cents) {load};\n{late}\n"
    "SELECT day, cents FROM daily_revenue ORDER BY day;"
)
LATE_UPSERT = (
    "INSERT INTO daily_revenue (day, cents) VALUES ('2026-03-01', 500), ('2026-03-15', 800)\n"
    "ON CONFLICT (day) DO UPDATE SET cents = daily_revenue.cents + excluded.cents;"
)
LATE_UPDATES = (
    "UPDATE daily_revenue SET cents = cents + 500 WHERE day = '2026-03-01';\n"
    "UPDATE daily_revenue SET cents = cents + 800 WHERE day = '2026-03-15';"
)
COUNTS = (
    "SELECT c.id AS customer_id, {count} AS orders, {total} AS total_cents FROM customers AS c "
    "LEFT JOIN orders AS o ON o.customer_id = c.id WHERE c.id BETWEEN 1 AND 5 GROUP BY c.id"
)
PER_CUSTOMER = "SELECT {n}, count(*), coalesce(sum(total_cents), 0) FROM orders WHERE customer_id = {n}"

# Why each starter fails: the first thing Check says.
STARTER_FAILS_WITH = {
    "transactions-atomic-transfer": "Row 1 differs",
    "fast-sql-keyset-page": "Row 1 differs",  # two deleted orders shift OFFSET past rows the client never saw
    "fast-sql-batched-counts": "Expected the columns customer_id, orders, total_cents",
    "schema-find-the-update-anomaly": "Expected the columns teacher, rooms",
    "schema-add-a-constraint": "Expected 1 row; your query returned 0 rows",
    "sql-top-customer-per-country": "Expected 4 rows; your query returned 5 rows",
    "sql-customers-without-march-orders": "Expected 3 rows; your query returned 4 rows",
    "sql-referral-report": "Row 1 differs",
    "sql-orders-per-month": "Expected the columns month, orders, total_cents",
    "sql-daily-revenue-upsert": "ERROR 23505",
    "injection-prepared-statement": 'prepared statement "find_by_role" does not exist',
}

# Plausible wrong answers, each with what Check says about it: the property the exercise is about.
NAIVE: dict[str, list[tuple[str, str]]] = {
    "transactions-atomic-transfer": [
        (UPDATE_ADA + CREDIT_CY + LIST_ACCOUNTS, "All or nothing"),  # right rows, no transaction
        (CREDIT_CY + UPDATE_ADA + LIST_ACCOUNTS, "All or nothing"),  # the failing credit first hides nothing
        ("BEGIN;\n" + UPDATE_ADA + CREDIT_CY + LIST_ACCOUNTS, "The transfer is committed"),  # no COMMIT
        ("BEGIN;\n" + UPDATE_ADA.replace("2100", "2000") + CREDIT_CY + "COMMIT;\n" + LIST_ACCOUNTS, "Row 1 differs"),
    ],
    "fast-sql-keyset-page": [
        ("SELECT id, status, total_cents FROM orders ORDER BY id OFFSET 4988 LIMIT 5", "reads 4,993 rows of orders"),
        ("SELECT id, status, total_cents FROM orders WHERE id BETWEEN 4991 AND 4995 ORDER BY id", "Expected 5 rows"),
        ("SELECT id, status, total_cents FROM orders WHERE id > 4990 ORDER BY id DESC LIMIT 5", "Row 1 differs"),
    ],
    "fast-sql-batched-counts": [
        (
            "SELECT customer_id, count(*) AS orders, sum(total_cents) AS total_cents FROM orders "
            "WHERE customer_id BETWEEN 1 AND 5 GROUP BY customer_id",
            "Expected 5 rows; your query returned 4 rows",
        ),
        (COUNTS.format(count="count(*)", total="coalesce(sum(o.total_cents), 0)"), "1 row of your result"),
        (COUNTS.format(count="count(o.id)", total="sum(o.total_cents)"), "1 row of your result"),
        (
            "SELECT c.id AS customer_id, "
            "(SELECT count(*) FROM orders AS o WHERE o.customer_id = c.id) AS orders, "
            "(SELECT coalesce(sum(total_cents), 0) FROM orders AS o WHERE o.customer_id = c.id) AS total_cents "
            "FROM customers AS c WHERE c.id BETWEEN 1 AND 5",
            "reads 49,900 rows of orders",
        ),
        (
            " UNION ALL ".join(PER_CUSTOMER.format(n=n) for n in range(1, 6)).replace(
                "SELECT 1, count(*), coalesce(sum(total_cents), 0)",
                "SELECT 1 AS customer_id, count(*) AS orders, coalesce(sum(total_cents), 0) AS total_cents",
            ),
            "reads 24,950 rows of orders",
        ),
    ],
    "schema-find-the-update-anomaly": [
        (
            "SELECT teacher, count(teacher_room) AS rooms FROM enrolment_flat GROUP BY teacher "
            "HAVING count(teacher_room) > 1",
            "1 row of your result",
        ),
        (
            "SELECT teacher, count(DISTINCT teacher_room) AS rooms FROM enrolment_flat GROUP BY teacher",
            "Expected 1 row; your query returned 2 rows",
        ),
    ],
    "schema-add-a-constraint": [
        (CONSTRAINT.format(rule="title <> ''"), "'x2', ' ', 'Codd')\" should fail with error 23514"),
        (CONSTRAINT.format(rule="length(btrim(title)) > 3"), "'x3', 'SQL', 'Codd')\" should succeed"),
        ("BEGIN;\n" + CONSTRAINT.format(rule="btrim(title) <> ''"), "should fail with error 23514, but it succeeded"),
    ],
    "sql-top-customer-per-country": [
        (
            SPEND.format(window="row_number()", direction=" DESC", name_order=""),
            "Expected 4 rows; your query returned 3",
        ),
        (
            "SELECT DISTINCT ON (c.country) c.country, c.name, sum(o.total_cents) AS total_cents FROM customers AS c "
            "JOIN orders AS o ON o.customer_id = c.id GROUP BY c.country, c.id, c.name "
            "ORDER BY c.country, sum(o.total_cents) DESC",
            "Expected 4 rows; your query returned 3",
        ),
        (SPEND.format(window="rank()", direction="", name_order=""), "Row 2 differs"),
        (SPEND.format(window="rank()", direction=" DESC", name_order=" DESC"), "wrong order"),
    ],
    "sql-customers-without-march-orders": [
        (
            "SELECT c.name FROM customers AS c WHERE NOT EXISTS (SELECT 1 FROM orders AS o "
            "WHERE o.customer_id = c.id AND o.placed_on >= '2026-03-01')",
            "Expected 3 rows; your query returned 2",  # Alan's April order counted as March
        ),
        (
            "SELECT c.name FROM customers AS c WHERE NOT EXISTS (SELECT 1 FROM orders AS o "
            "WHERE o.customer_id = c.id AND extract(month FROM o.placed_on) = 3)",
            "Expected 3 rows; your query returned 2",  # Ada's order of March 2025 counted
        ),
        (
            "SELECT c.name FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id "
            "WHERE o.placed_on >= '2026-03-01' AND o.placed_on < '2026-04-01' AND o.id IS NULL",
            "your query returned 0 rows",
        ),
    ],
    "sql-referral-report": [
        (
            "SELECT c.name, r.name AS referred_by FROM customers AS c JOIN customers AS r ON r.id = c.referred_by "
            "ORDER BY c.id",
            "Expected 5 rows; your query returned 3",
        ),
        (
            "SELECT c.name, coalesce(r.name, '-') AS referred_by FROM customers AS c "
            "LEFT JOIN customers AS r ON r.referred_by = c.id ORDER BY c.id",
            "Expected 5 rows; your query returned 6",
        ),
        (
            "SELECT c.name, coalesce(r.name, '-') AS referred_by FROM customers AS c "
            "LEFT JOIN customers AS r ON r.id = c.referred_by ORDER BY c.name",
            "wrong order",
        ),
    ],
    "sql-orders-per-month": [
        (
            "SELECT extract(month FROM placed_on) AS month, count(*) AS orders, sum(total_cents) AS total_cents "
            "FROM orders GROUP BY 1 ORDER BY 1",
            "Expected 4 rows; your query returned 3",  # January 2025 and 2026 in one row
        ),
        (
            "SELECT date_trunc('month', placed_on) AS month, count(*) AS orders, sum(total_cents) AS total_cents "
            "FROM orders GROUP BY 1 ORDER BY 1",
            "Row 1 differs",  # a timestamp, not a date
        ),
    ],
    "sql-daily-revenue-upsert": [
        (
            REVENUE.format(
                load="SELECT placed_on, total_cents FROM orders\n"
                "ON CONFLICT (day) DO UPDATE SET cents = daily_revenue.cents + excluded.cents",
                late=LATE_UPSERT,
            ),
            "ERROR 21000",  # one upsert may not touch 2026-02-12 twice
        ),
        (
            REVENUE.format(
                load="SELECT placed_on, total_cents FROM orders ON CONFLICT (day) DO NOTHING", late=LATE_UPSERT
            ),
            "Row 3 differs",
        ),
        (
            REVENUE.format(load="SELECT placed_on, sum(total_cents) FROM orders GROUP BY placed_on", late=LATE_UPDATES),
            "Expected 6 rows; your query returned 5",
        ),
    ],
    "injection-prepared-statement": [
        (
            "PREPARE find_by_role (boolean) AS SELECT id, email FROM users WHERE is_admin = true;\n"
            "EXECUTE find_by_role (true);",
            '"EXECUTE find_by_role (false)" gives other rows',
        ),
        (
            "PREPARE find_by_role (text) AS SELECT id, email FROM users WHERE is_admin = $1::boolean;\n"
            "EXECUTE find_by_role ('true');",
            "pg_prepared_statements",
        ),
    ],
}

# Right answers other than the reference solution: Check must accept them.
ALSO_RIGHT: dict[str, list[str]] = {
    "transactions-atomic-transfer": [
        # One statement is one transaction too.
        "UPDATE accounts SET balance_cents = CASE id WHEN 1 THEN balance_cents - 2100 ELSE balance_cents + 2000 END\n"
        "WHERE id IN (1, 3);\nSELECT id, owner, balance_cents FROM accounts ORDER BY id;",
        "START TRANSACTION;\n" + CREDIT_CY + UPDATE_ADA + "COMMIT;\n" + LIST_ACCOUNTS,
    ],
    "fast-sql-batched-counts": [
        COUNTS.format(count="count(o.id)", total="coalesce(sum(o.total_cents), 0)").replace(
            "BETWEEN 1 AND 5", "IN (1, 2, 3, 4, 5)"
        )
    ],
    "schema-add-a-constraint": [CONSTRAINT.format(rule="trim(title) <> ''")],
    "sql-top-customer-per-country": [
        SPEND.format(window="dense_rank()", direction=" DESC", name_order=""),
        "WITH spend AS (SELECT c.country, c.name, sum(o.total_cents) AS total_cents FROM customers AS c "
        "JOIN orders AS o ON o.customer_id = c.id GROUP BY c.country, c.id, c.name) "
        "SELECT s.country, s.name, s.total_cents FROM spend AS s "
        "WHERE s.total_cents = (SELECT max(total_cents) FROM spend AS t WHERE t.country = s.country) "
        "ORDER BY country, name",
    ],
    "sql-customers-without-march-orders": [
        "SELECT c.name FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id "
        "AND o.placed_on >= '2026-03-01' AND o.placed_on < '2026-04-01' WHERE o.id IS NULL"
    ],
    "sql-orders-per-month": [
        "SELECT make_date(extract(year FROM placed_on)::int, extract(month FROM placed_on)::int, 1) AS month, "
        "count(*) AS orders, sum(total_cents) AS total_cents FROM orders GROUP BY 1 ORDER BY 1"
    ],
    "injection-prepared-statement": [
        "PREPARE find_by_role AS SELECT id, email FROM users WHERE is_admin = $1;\nEXECUTE find_by_role (true);"
    ],
}


def all_exercises() -> dict[str, SqlExercise]:
    catalog, problems = read_catalog(ROOT, ROOT / "docs")
    assert not [p for p in problems if p.file.startswith("data/exercises/")]
    return dict(catalog.exercises)


EXERCISES = all_exercises()
NAIVE_CASES = [(exercise_id, n) for exercise_id, answers in NAIVE.items() for n in range(len(answers))]
RIGHT_CASES = [(exercise_id, n) for exercise_id, answers in ALSO_RIGHT.items() for n in range(len(answers))]


# ---- without a server: the stored file and the page ---------------------------------------------------------


def test_every_exercise_has_hints_and_a_stored_result_for_its_current_definition() -> None:
    expected = sql_exercises.load_expected(ROOT)
    assert len(EXERCISES) >= 10
    for exercise in EXERCISES.values():
        stored = sql_exercises.expected_for(expected, exercise)
        assert stored["result"]["columns"] and stored["result"]["rows"], exercise.id
        assert len(stored["checks"]) == len(exercise.checks), exercise.id
        assert exercise.hints, exercise.id
    assert set(expected) == set(EXERCISES), "expected.json lists exercises that no longer exist"
    assert set(STARTER_FAILS_WITH) == set(EXERCISES), "say why each exercise's starter fails"


def test_the_stored_file_holds_digests_and_sqlstates_not_rows() -> None:
    digest = re.compile(r"^[0-9a-f]{64}$")
    for exercise_id, stored in sql_exercises.load_expected(ROOT).items():
        outcomes = [stored["result"]] + [o for check in stored["checks"] if check for o in check]
        for outcome in outcomes:
            assert set(outcome) in ({"columns", "rows"}, {"error"}), exercise_id
            assert all(digest.match(row) for row in outcome.get("rows", [])), exercise_id
            assert re.fullmatch(r"[0-9A-Z]{5}", outcome.get("error", "00000")), exercise_id


def test_a_changed_solution_setup_or_check_needs_a_new_stored_result() -> None:
    exercise = EXERCISES["transactions-atomic-transfer"]
    expected = sql_exercises.load_expected(ROOT)
    check = exercise.checks[1]
    changes = [
        {"solution": exercise.solution + " -- changed"},
        {"setup": "DELETE FROM accounts WHERE id = 2;"},
        {"checks": [exercise.checks[0], check.model_copy(update={"query": "SELECT 1"})]},
    ]
    for change in changes:
        with pytest.raises(sql_exercises.ExpectedResultMissing, match=re.escape("python -m tools.sql_exercises")):
            sql_exercises.expected_for(expected, exercise.model_copy(update=change))
    # Texts the reader is shown change no expected result.
    reworded = exercise.model_copy(update={"hints": ["Another hint."], "task": "Reworded."})
    assert sql_exercises.expected_for(expected, reworded)


def test_a_malformed_check_is_reported_with_file_line_and_field(project_copy: Path) -> None:
    path = project_copy / "data" / "exercises" / "fast-sql.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("kind: plan", "kind: timing", 1).replace("orders: 5000", "orders: 0")
    path.write_text(text, encoding="utf-8")
    _, problems = read_catalog(project_copy, project_copy / "docs")
    ours = [str(problem) for problem in problems if problem.file == "data/exercises/fast-sql.yml"]
    assert ours == [
        "data/exercises/fast-sql.yml:37: exercises[0].checks[0]: Input tag 'timing' found using 'kind' does not "
        "match any of the expected tags: 'state', 'fault', 'plan'",
        "data/exercises/fast-sql.yml:76: exercises[1].checks[0].plan.max_rows_read.orders: Input should be greater "
        "than or equal to 1 (got 0)",
    ]


def test_an_exercise_without_hints_is_reported(project_copy: Path) -> None:
    path = project_copy / "data" / "exercises" / "sql-injection.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"    hints:\n(      .*\n)+", "    hints: []\n", text), encoding="utf-8")
    _, problems = read_catalog(project_copy, project_copy / "docs")
    assert [str(p) for p in problems if p.file.startswith("data/exercises/")] == [
        "data/exercises/sql-injection.yml:19: exercises[0].hints: List should have at least 1 item after "
        "validation, not 0"
    ]


def test_the_page_shows_hints_before_the_solution_and_carries_only_digests() -> None:
    catalog, _ = read_catalog(ROOT, ROOT / "docs")
    html = sql_exercises.sql_exercise(catalog, sql_exercises.load_expected(ROOT), "fast-sql-keyset-page")
    hints = [m.start() for m in re.finditer(r'<details class="bs-sql-exercise-hint"><summary>Hint \d</summary>', html)]
    solution = html.index("<summary>Reference solution</summary>")
    assert len(hints) == 3 and max(hints) < solution
    assert "data-expected" not in html
    found = re.search(r'data-check="([^"]*)"', html)
    assert found is not None
    data = json.loads(html_text.unescape(found[1]))
    assert data["setup"].startswith("-- Deleted after")
    assert data["checks"] == [
        {
            "kind": "plan",
            "requires": "Your query reads at most 10 rows of orders (EXPLAIN ANALYZE of your last statement).",
            "max_rows_read": {"orders": 10},
        }
    ]
    assert all(re.fullmatch(r"[0-9a-f]{64}", row) for row in data["result"]["rows"])
    assert "Your query reads at most 10 rows of orders" in html  # listed under "Done when"


# ---- the statement splitter and the plan reader -----------------------------------------------------------

SPLITS = [
    ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
    (
        "BEGIN;\nUPDATE a SET x = 1; -- c;\nCOMMIT;\n-- trailing; comment",
        ["BEGIN", "UPDATE a SET x = 1", "-- c;\nCOMMIT"],
    ),
    (
        "SELECT 'a;b', E'it\\'s;', \"we;ird\"; SELECT $$x;y$$, $t$ $$ ; $t$",
        ["SELECT 'a;b', E'it\\'s;', \"we;ird\"", "SELECT $$x;y$$, $t$ $$ ; $t$"],
    ),
    (
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;"
        " SELECT f()",
        [
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END",
            "SELECT f()",
        ],
    ),
    (
        "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END; CALL p();",
        ["CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END", "CALL p()"],
    ),
    (
        "CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 1",
        ["CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))", "SELECT 1"],
    ),
    ("/* a; /* nested; */ still; */ SELECT 1; /* only */ ;; ", ["/* a; /* nested; */ still; */ SELECT 1"]),
    (
        "SELECT $1; SELECT a$b$c FROM t; SELECT 1e5; select e'x\\'y;'",
        ["SELECT $1", "SELECT a$b$c FROM t", "SELECT 1e5", "select e'x\\'y;'"],
    ),
    ("SELECT 'naïve;𝄞' AS \"ünï;code\"; SELECT 2 -- end", ["SELECT 'naïve;𝄞' AS \"ünï;code\"", "SELECT 2 -- end"]),
    (
        "SELECT U&'d\\0061t;a', X'1F;'; SELECT 'unterminated;",
        ["SELECT U&'d\\0061t;a', X'1F;'", "SELECT 'unterminated;"],
    ),
    ("\ufeffSELECT 1;\v", ["\ufeffSELECT 1"]),  # only PostgreSQL's whitespace is trimmed, the same in JavaScript
    ("-- only a comment\n", []),
]


@pytest.mark.parametrize(("sql", "statements"), SPLITS)
def test_statements_split_where_psql_splits_them(sql: str, statements: list[str]) -> None:
    assert sql_postgres.split_statements(sql) == statements


def test_rows_read_counts_filtered_rows_and_every_loop() -> None:
    plan: list[dict[str, Any]] = [
        {
            "Plan": {
                "Node Type": "Nested Loop",
                "Actual Rows": 5,
                "Plans": [
                    {"Node Type": "Index Scan", "Relation Name": "customers", "Actual Rows": 5, "Actual Loops": 1},
                    {
                        "Node Type": "Seq Scan",
                        "Relation Name": "orders",
                        "Actual Rows": 9.8,  # PostgreSQL 18 reports a per-loop average with decimals
                        "Rows Removed by Filter": 4990.2,
                        "Actual Loops": 5,
                    },
                ],
            }
        }
    ]
    assert sql_postgres.rows_read(json.dumps(plan)) == {"customers": 5, "orders": 25000}


# ---- on PostgreSQL --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(postgres_admin_url: str) -> Iterator[Any]:
    from examples.databases.pg_admin import scratch_database

    with scratch_database(postgres_admin_url, "exercises") as url, sql_postgres.connect(url) as conn:
        yield conn


def grade(conn: Any, exercise_id: str, sql: str) -> list[str]:
    exercise = EXERCISES[exercise_id]
    stored = sql_exercises.expected_for(sql_exercises.load_expected(ROOT), exercise)
    return checker.grade(conn, datasets(ROOT)[exercise.dataset], exercise, stored, sql)


@pytest.mark.postgres
def test_stored_expected_results_are_what_postgresql_returns_now(postgres_admin_url: str) -> None:
    stored = (ROOT / sql_exercises.EXPECTED_FILE).read_text(encoding="utf-8")
    assert checker.render(checker.compute(postgres_admin_url)) == stored, (
        "data/exercises/expected.json is stale: run `python -m tools.sql_exercises` and commit it"
    )


@pytest.mark.postgres
@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_the_starter_fails_and_the_solution_passes(server: Any, exercise_id: str) -> None:
    exercise = EXERCISES[exercise_id]
    problems = grade(server, exercise_id, exercise.starter)
    assert problems and STARTER_FAILS_WITH[exercise_id] in problems[0], problems
    assert grade(server, exercise_id, exercise.solution) == []


@pytest.mark.postgres
@pytest.mark.parametrize(("exercise_id", "n"), NAIVE_CASES)
def test_a_plausible_wrong_answer_fails_for_the_right_reason(server: Any, exercise_id: str, n: int) -> None:
    sql, reason = NAIVE[exercise_id][n]
    problems = grade(server, exercise_id, sql)
    assert problems and reason in problems[0], problems


@pytest.mark.postgres
@pytest.mark.parametrize(("exercise_id", "n"), RIGHT_CASES)
def test_another_right_answer_passes(server: Any, exercise_id: str, n: int) -> None:
    assert grade(server, exercise_id, ALSO_RIGHT[exercise_id][n]) == []


@pytest.mark.postgres
def test_the_fault_check_needs_statements_sent_one_at_a_time(server: Any) -> None:
    """Why Check splits the reader's SQL: PostgreSQL runs a multi-statement string as one implicit transaction,
    so the transfer without BEGIN would look atomic; sent one at a time, its first UPDATE stays committed."""
    exercise = EXERCISES["transactions-atomic-transfer"]
    dataset = datasets(ROOT)[exercise.dataset]
    fault = exercise.checks[1].fault  # type: ignore[union-attr]
    no_transaction = UPDATE_ADA + CREDIT_CY
    balances = "SELECT id, balance_cents FROM accounts ORDER BY id"

    sql_postgres.reset(server, dataset)
    server.execute(fault)
    sql_postgres.run_steps(server, sql_postgres.split_statements(no_transaction))
    assert server.execute(balances).fetchall() == [(1, 7900), (2, 2500), (3, 0)]  # the debit survived

    sql_postgres.reset(server, dataset)
    server.execute(fault)
    with pytest.raises(Exception, match="check_fault_cy_frozen"):
        server.execute(no_transaction.encode())
    assert server.execute(balances).fetchall() == [(1, 10000), (2, 2500), (3, 0)]  # one string: all undone


@pytest.mark.postgres
def test_the_page_holds_no_expected_row(server: Any) -> None:
    """Every solution's rows, as PostgreSQL returns them, appear nowhere in the exercise's HTML."""
    catalog, _ = read_catalog(ROOT, ROOT / "docs")
    expected = sql_exercises.load_expected(ROOT)
    for exercise_id, exercise in EXERCISES.items():
        html = sql_exercises.sql_exercise(catalog, expected, exercise_id)
        sql_postgres.reset(server, datasets(ROOT)[exercise.dataset], exercise.setup)
        steps = sql_postgres.run_steps(server, sql_postgres.split_statements(exercise.solution))
        result = [r for step in steps for r in step.results if r.columns][-1]
        for row in result.rows:
            assert json.dumps(row) not in html and json.dumps(row, separators=(",", ":")) not in html
            assert "".join(f"<td>{value}</td>" for value in row) not in html, (exercise_id, row)
