"""Exercise: the feed that loses books at page boundaries.

Symptom: the "new releases" feed lists books newest year first, twenty per page, with keyset pagination:
each page asks for the books published before the last year on the previous page. Readers report books
that never show up while paging, always from a year that had books on two pages, and the count of books
they saw is smaller than the count the catalog shows.

Diagnose it with the check (`make exercise ID=databases/fast_sql/keyset_ties`): it pages through catalogs
where many books share a year, with several page sizes, and compares with one unpaged query. Then fix
`page_after` so that every book appears exactly once, in the order published DESC, id DESC, and the page is
still served by an index (the check reads SQLite's plan). `INDEX` is created before the first page.
"""

from __future__ import annotations

import sqlite3

Book = tuple[int, str, int]  # (id, title, published)
Cursor = tuple[int, int] | None  # (published, id) of the last book on the previous page; None for page one

INDEX = "CREATE INDEX books_published_idx ON books (published)"


def page_after(conn: sqlite3.Connection, after: Cursor, size: int) -> list[Book]:
    """The next `size` books after the cursor, newest first."""
    if after is None:
        return conn.execute(
            "SELECT id, title, published FROM books ORDER BY published DESC, id DESC LIMIT ?", (size,)
        ).fetchall()
    last_published, _ = after
    return conn.execute(
        "SELECT id, title, published FROM books WHERE published < ? ORDER BY published DESC, id DESC LIMIT ?",
        (last_published, size),
    ).fetchall()
