"""Exercise: the author cards that make 201 queries.

Symptom: the "authors you follow" page shows, for each followed author, their name and their three most
recent books (newest first; for books from the same year, the higher id first). For a reader who follows
100 authors the page makes 201 queries and takes a second and a half in production, where every round trip
to the database costs about 7 ms.

Diagnose it with the check (`make exercise ID=databases/fast_sql/latest_books`): it counts the statements
`latest_books` runs and the rows it fetches, for 10 and for 100 authors. Then rewrite it so that the number
of queries does not grow with the number of authors, and it fetches no more rows than the page shows.

Use only `conn.execute(...)` and the cursor it returns (the check counts through them). SQLite has window
functions (3.25 and later) and json_each() for passing a list of ids as one parameter.
"""

from __future__ import annotations

import sqlite3

Book = tuple[int, str, int]  # (id, title, published)


def latest_books(conn: sqlite3.Connection, author_ids: list[int]) -> dict[int, tuple[str, list[Book]]]:
    """For each known author id: (name, their three most recent books). Unknown ids are left out; an author
    without books gets an empty list."""
    cards: dict[int, tuple[str, list[Book]]] = {}
    for author_id in author_ids:
        author = conn.execute("SELECT name FROM authors WHERE id = ?", (author_id,)).fetchone()
        if author is None:
            continue
        books = conn.execute(
            "SELECT id, title, published FROM books WHERE author_id = ? ORDER BY published DESC, id DESC LIMIT 3",
            (author_id,),
        ).fetchall()
        cards[author_id] = (author[0], books)
    return cards
