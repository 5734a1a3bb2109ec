"""A reference solution: one placeholder per id, generated in code; the ids travel as values."""

import sqlite3


def delete_products(conn: sqlite3.Connection, ids: list[str]) -> int:
    if not ids:
        # `IN ()` is an error in PostgreSQL (SQLite accepts it): an empty selection is answered here.
        return 0
    # Only "?" characters are joined into the SQL text; the caller's values go in the parameter tuple.
    placeholders = ", ".join("?" for _ in ids)
    query = f"DELETE FROM products WHERE id IN ({placeholders})"  # noqa: S608
    cursor = conn.execute(query, tuple(ids))
    conn.commit()
    return cursor.rowcount
