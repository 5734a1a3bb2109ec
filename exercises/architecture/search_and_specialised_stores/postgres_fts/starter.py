"""Exercise: PostgreSQL full-text search that finds too little, too slowly, in the wrong order.

Symptom: the shop replaced `name ILIKE '%...%'` with PostgreSQL full-text search. Since then "cafe" no longer finds
the "Café chair", typing "standing desk" in quotes still returns every standing thing and every desk, the
results come back in id order, and EXPLAIN shows a sequential scan although there is a GIN index. On a
colleague's laptop "chairs" finds nothing at all.

Diagnose it with the check (`make exercise ID=architecture/search_and_specialised_stores/postgres_fts`): compare
the expression in the query with the one in the index, and look at which text search configuration each uses.
Then fix `setup` and `search`: one configuration named in both places (English stemming plus the `unaccent`
extension), a tsvector the GIN index can serve, `websearch_to_tsquery` so quotes and `-word` behave as users
expect, and results ordered by rank. `setup` must create `products (id, name)`; the check inserts the rows.
`search` runs its query with `conn.execute`.
"""

from __future__ import annotations

import psycopg

SCHEMA = """
CREATE TABLE products (id text PRIMARY KEY, name text NOT NULL);
CREATE INDEX products_name_search ON products USING gin (to_tsvector('english', name));
"""


def setup(conn: psycopg.Connection) -> None:
    conn.execute(SCHEMA)


def search(conn: psycopg.Connection, query: str) -> list[str]:
    rows = conn.execute(
        "SELECT id FROM products WHERE to_tsvector(name) @@ plainto_tsquery(%s) ORDER BY id",
        (query,),
    ).fetchall()
    return [row[0] for row in rows]
