"""Run a lesson's SQL on a real PostgreSQL server exactly as the page runs it on PGlite.

The page (docs/assets/javascripts/sql-engine.js) resets the session, drops every schema, loads the
dataset and runs a lesson's block as one string with the simple query protocol, reading every value as
PostgreSQL's text output. This does the same through psycopg, so the two can be compared row by row.

An exercise's SQL is run differently, in the page and here alike: split into statements
(`split_statements`, the same rules as the page's `splitStatements`) and sent one at a time, as an
application in autocommit mode or `psql -f` sends them. One string would be one implicit transaction
(PostgreSQL runs a multi-statement simple query atomically), which would hide a missing BEGIN/COMMIT.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql

from macros.render.sql_practice import Dataset

Row = list[str | None]


@dataclass
class Result:
    columns: list[str]
    rows: list[Row]

    def as_dict(self) -> dict[str, Any]:
        return {"columns": self.columns, "rows": self.rows}


@dataclass
class Outcome:
    results: list[Result] = field(default_factory=list)
    error: dict[str, str | None] | None = None

    def comparable(self) -> dict[str, Any]:
        """What must be the same in PGlite and PostgreSQL: results with columns, or the error's code and text."""
        if self.error:
            return {"error": {"code": self.error["code"], "message": self.error["message"]}}
        return {"results": [result.as_dict() for result in self.results if result.columns]}


def _text_results(cursor: psycopg.Cursor[Any]) -> list[Result]:
    results = []
    while True:
        raw = cursor.pgresult
        if raw is not None and raw.nfields:
            columns = [(raw.fname(i) or b"").decode() for i in range(raw.nfields)]
            rows = [
                [None if (value := raw.get_value(r, c)) is None else value.decode() for c in range(raw.nfields)]
                for r in range(raw.ntuples)
            ]
            results.append(Result(columns, rows))
        if not cursor.nextset():
            return results


def reset(conn: psycopg.Connection[Any], dataset: Dataset, setup: str | None = None) -> None:
    conn.execute("ROLLBACK")
    conn.execute("DISCARD ALL")
    schemas = conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
    ).fetchall()
    for (name,) in schemas:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))
    conn.execute("CREATE SCHEMA public")
    conn.execute(dataset.statements().encode())
    if setup:
        conn.execute(setup.encode())  # an exercise's own rows, from our reviewed data


def run(conn: psycopg.Connection[Any], dataset: Dataset, statements: str, params: list[str] | None = None) -> Outcome:
    """Run `statements` on a fresh copy of `dataset` (autocommit connection, as PGlite's session is)."""
    reset(conn, dataset)
    try:
        with conn.cursor() as cursor:
            if params is None:
                cursor.execute(statements.encode())  # bytes: no parameter parsing, simple query protocol
            else:
                cursor.execute(statements.replace("$1", "%s"), params)
            return Outcome(results=_text_results(cursor))
    except psycopg.Error as error:
        diag = error.diag
        return Outcome(
            error={
                "code": error.sqlstate,
                "message": diag.message_primary or str(error),
                "detail": diag.message_detail,
                "hint": diag.message_hint,
            }
        )


def connect(url: str) -> psycopg.Connection[Any]:
    # No automatic server-side prepared statements: DISCARD ALL (in `reset`) would drop them under psycopg.
    return psycopg.connect(url, autocommit=True, prepare_threshold=None)


# ---- exercises: statement by statement -----------------------------------------------------------------

# Where a statement ends, by the rules psql follows (src/fe_utils/psqlscan.l): a semicolon outside quotes,
# comments and parentheses ends it, except inside the BEGIN ... END body of CREATE [OR REPLACE] FUNCTION or
# PROCEDURE. docs/assets/javascripts/sql-engine.js implements the same rules; tests compare the two.
_IDENTIFIER = re.compile(r"[A-Za-z_\u0080-\U0010ffff][A-Za-z_0-9$\u0080-\U0010ffff]*")
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\u0080-\U0010ffff][A-Za-z_0-9\u0080-\U0010ffff]*)?\$")
_NUMBER = re.compile(r"[0-9][0-9A-Za-z_.]*")
_SPACE = " \t\n\r\f\v"  # PostgreSQL's whitespace; str.strip() alone would also strip other characters
# What a scan node read, per loop: the rows it returned and the rows its conditions removed.
_ROWS_READ = ("Actual Rows", "Rows Removed by Filter", "Rows Removed by Index Recheck")


def _quoted_end(sql: str, start: int, quote: str, backslash: bool) -> int:
    """The index after the quote that closes a literal opened just before `start` ('' or "" is a quote inside)."""
    i = start
    while i < len(sql):
        if backslash and sql[i] == "\\":
            i += 2
        elif sql[i] == quote:
            if sql.startswith(quote * 2, i):
                i += 2
            else:
                return i + 1
        else:
            i += 1
    return len(sql)


def _comment_end(sql: str, start: int) -> int:
    """The index after the */ that closes the /* opened at `start`; block comments nest in PostgreSQL."""
    depth, i = 0, start
    while i < len(sql):
        if sql.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif sql.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    return len(sql)


def _in_routine(head: list[str]) -> bool:
    """Does the statement start CREATE [OR REPLACE] FUNCTION or PROCEDURE?"""
    if head[:1] != ["create"]:
        return False
    kind = head[3:4] if head[1:3] == ["or", "replace"] else head[1:2]
    return kind in (["function"], ["procedure"])


def split_statements(sql: str) -> list[str]:
    """The statements of `sql`, each without its semicolon; pieces holding only comments are dropped."""
    statements: list[str] = []
    start = i = parens = body_depth = 0
    head: list[str] = []  # the statement's first words, lower case
    has_code = False
    while i < len(sql):
        char = sql[i]
        if char in _SPACE:
            i += 1
            continue
        if sql.startswith("--", i):
            ends = [end for end in (sql.find("\n", i), sql.find("\r", i)) if end >= 0]
            i = min(ends) if ends else len(sql)
            continue
        if sql.startswith("/*", i):
            i = _comment_end(sql, i)
            continue
        if char == ";" and parens == 0 and body_depth == 0:
            if has_code:
                statements.append(sql[start:i].strip(_SPACE))
            start, head, has_code = i + 1, [], False
            i += 1
            continue
        has_code = True
        if char in "'\"":
            i = _quoted_end(sql, i + 1, char, backslash=False)
        elif char == "$" and (tag := _DOLLAR_TAG.match(sql, i)):
            end = sql.find(tag.group(), tag.end())
            i = len(sql) if end < 0 else end + len(tag.group())
        elif word := _IDENTIFIER.match(sql, i):
            i = word.end()
            text = word.group().lower()
            if text == "e" and sql.startswith("'", i):  # E'...': backslash escapes, so \' is a quote inside
                i = _quoted_end(sql, i + 1, "'", backslash=True)
                continue
            if len(head) < 4:
                head.append(text)
            if parens == 0 and _in_routine(head):
                if text == "begin" or (text == "case" and body_depth > 0):
                    body_depth += 1
                elif text == "end" and body_depth > 0:
                    body_depth -= 1
        elif number := _NUMBER.match(sql, i):
            i = number.end()  # so the E of 1E5 never starts an E'...' string
        else:
            if char == "(":
                parens += 1
            elif char == ")":
                parens = max(parens - 1, 0)
            i += 1
    if has_code:
        statements.append(sql[start:].strip(_SPACE))
    return statements


@dataclass
class Step:
    """What one statement gave: its results (a statement gives at most one), or its error."""

    statement: str
    results: list[Result] = field(default_factory=list)
    error: dict[str, str | None] | None = None

    def last_with_columns(self) -> Result | None:
        return next((result for result in reversed(self.results) if result.columns), None)


def _error(error: psycopg.Error) -> dict[str, str | None]:
    diag = error.diag
    return {
        "code": error.sqlstate,
        "message": diag.message_primary or str(error),
        "detail": diag.message_detail,
        "hint": diag.message_hint,
    }


def run_steps(conn: psycopg.Connection[Any], statements: list[str]) -> list[Step]:
    """Each statement on its own, as the page runs an exercise; a failure does not stop the ones after it
    (as in psql), so work left uncommitted before a failure is all that a failure undoes."""
    steps = []
    for statement in statements:
        try:
            with conn.cursor() as cursor:
                cursor.execute(statement.encode())
                steps.append(Step(statement, results=_text_results(cursor)))
        except psycopg.Error as error:
            steps.append(Step(statement, error=_error(error)))
    return steps


def end_session(conn: psycopg.Connection[Any]) -> None:
    """What ending the reader's session does to their work: an open transaction is rolled back."""
    conn.execute("ROLLBACK")


def explain(conn: psycopg.Connection[Any], statement: str) -> Step:
    """EXPLAIN (ANALYZE, FORMAT JSON) of one statement: it runs, and its plan comes back as JSON text."""
    return run_steps(conn, ["EXPLAIN (ANALYZE, FORMAT JSON) " + statement])[0]


def rows_read(plan_text: str) -> dict[str, int]:
    """Rows read per table: for every plan node that scans a table, the rows it returned plus the rows its
    filter and index recheck removed, times its loops (EXPLAIN reports them per loop)."""
    totals: dict[str, float] = {}
    pending = [entry["Plan"] for entry in json.loads(plan_text)]
    while pending:
        node = pending.pop()
        pending.extend(node.get("Plans", []))
        table = node.get("Relation Name")
        if table is None:
            continue
        per_loop = sum(node.get(key, 0) for key in _ROWS_READ)
        totals[table] = totals.get(table, 0) + per_loop * node.get("Actual Loops", 1)
    return {table: round(total) for table, total in totals.items()}
