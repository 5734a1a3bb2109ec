"""Reference solution: the cursor is the whole sort key, (published, id), compared as a row value.

`published < ?` skipped every remaining book of the year the previous page ended in. `(published, id) <
(?, ?)` continues right after the last book shown: same year with a smaller id, or an earlier year. Because
id is unique, the order is total and no two books tie. The index on (published, id) returns rows in exactly
that order, so SQLite seeks to the cursor and reads `size` entries, with no sort (SQLite 3.15 and later
compare row values; PostgreSQL, MySQL and MariaDB accept the same syntax).
"""

from __future__ import annotations

import sqlite3

Book = tuple[int, str, int]  # (id, title, published)
Cursor = tuple[int, int] | None  # (published, id) of the last book on the previous page; None for page one

INDEX = "CREATE INDEX books_published_id_idx ON books (published, id)"


def page_after(conn: sqlite3.Connection, after: Cursor, size: int) -> list[Book]:
    """The next `size` books after the cursor, newest first."""
    if after is None:
        return conn.execute(
            "SELECT id, title, published FROM books ORDER BY published DESC, id DESC LIMIT ?", (size,)
        ).fetchall()
    return conn.execute(
        "SELECT id, title, published FROM books WHERE (published, id) < (?, ?) "
        "ORDER BY published DESC, id DESC LIMIT ?",
        (*after, size),
    ).fetchall()
