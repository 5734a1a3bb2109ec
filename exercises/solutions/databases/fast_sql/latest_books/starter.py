"""Reference solution: two queries whatever the number of authors, and only the rows the page shows.

The ids go to the database as one JSON parameter. The books query ranks each author's books with
row_number() in a CTE and keeps the first three: top-N per group in one statement. Fetching every book of
the authors and slicing in Python would also be two queries, but would pull each author's whole
bibliography over the network to show three titles.
"""

from __future__ import annotations

import json
import sqlite3

Book = tuple[int, str, int]  # (id, title, published)

AUTHORS = "SELECT id, name FROM authors WHERE id IN (SELECT value FROM json_each(?))"

LATEST_THREE = """
WITH ranked AS (
    SELECT author_id, id, title, published,
           row_number() OVER (PARTITION BY author_id ORDER BY published DESC, id DESC) AS place
    FROM books
    WHERE author_id IN (SELECT value FROM json_each(?))
)
SELECT author_id, id, title, published FROM ranked WHERE place <= 3
ORDER BY author_id, published DESC, id DESC
"""


def latest_books(conn: sqlite3.Connection, author_ids: list[int]) -> dict[int, tuple[str, list[Book]]]:
    """For each known author id: (name, their three most recent books). Unknown ids are left out; an author
    without books gets an empty list."""
    ids = json.dumps(sorted(set(author_ids)))
    cards: dict[int, tuple[str, list[Book]]] = {
        author_id: (name, []) for author_id, name in conn.execute(AUTHORS, (ids,))
    }
    for author_id, book_id, title, published in conn.execute(LATEST_THREE, (ids,)):
        cards[author_id][1].append((book_id, title, published))
    return cards
