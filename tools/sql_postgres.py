"""Run a lesson's SQL on a real PostgreSQL server exactly as the page runs it on PGlite.

The page (docs/assets/javascripts/sql-engine.js) resets the session, drops every schema, loads the
dataset and runs the block with the simple query protocol, reading every value as PostgreSQL's text
output. This does the same through psycopg, so the two can be compared row by row.
"""

from __future__ import annotations

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


def reset(conn: psycopg.Connection[Any], dataset: Dataset) -> None:
    conn.execute("ROLLBACK")
    conn.execute("DISCARD ALL")
    schemas = conn.execute(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
    ).fetchall()
    for (name,) in schemas:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))
    conn.execute("CREATE SCHEMA public")
    conn.execute(dataset.statements().encode())


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
