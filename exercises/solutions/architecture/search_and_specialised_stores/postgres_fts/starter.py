"""A reference solution: one text search configuration (English stems, accents folded), a stored tsvector with a
GIN index, websearch_to_tsquery for user input, and results ordered by ts_rank."""

from __future__ import annotations

import psycopg

SCHEMA = """
CREATE EXTENSION IF NOT EXISTS unaccent;
-- A configuration of our own, named everywhere: to_tsvector(text) without one uses the server's
-- default_text_search_config, which differs between machines (often 'simple', which does not stem).
CREATE TEXT SEARCH CONFIGURATION shop (COPY = english);
ALTER TEXT SEARCH CONFIGURATION shop
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TABLE products (
    id text PRIMARY KEY,
    name text NOT NULL,
    -- Computed once on write; the query uses the column itself, so it always matches what the index holds.
    search tsvector GENERATED ALWAYS AS (to_tsvector('shop', name)) STORED
);
CREATE INDEX products_search ON products USING gin (search);
"""


def setup(conn: psycopg.Connection) -> None:
    conn.execute(SCHEMA)


def search(conn: psycopg.Connection, query: str) -> list[str]:
    rows = conn.execute(
        "SELECT id FROM products, websearch_to_tsquery('shop', %s) AS q"
        " WHERE search @@ q ORDER BY ts_rank(search, q) DESC, id",
        (query,),
    ).fetchall()
    return [row[0] for row in rows]
