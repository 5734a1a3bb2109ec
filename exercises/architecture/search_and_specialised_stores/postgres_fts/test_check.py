"""Acceptance check: plurals and accents match whatever the server's default configuration, quotes and -word work,
the best match comes first, and the planner can answer the search from the GIN index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
import pytest

from exercises import load_module

pytestmark = pytest.mark.postgres

PRODUCTS = {
    "p1": "Oak desk with two drawers",
    "p2": "Standing desk, electric, with memory presets",
    "p3": "Desk lamp for the office desk",
    "p4": "Café chair in walnut",
    "p5": "Office chairs: ergonomic, adjustable",
    "p6": "Standing frame for any desk",
}


class Recording:
    """A connection that remembers the statements `search` sends, so the check can EXPLAIN the same query."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.sent: list[tuple[str, Any]] = []

    def execute(self, query: str, params: Any = None) -> Any:
        self.sent.append((query, params))
        return self.conn.execute(query, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def index_names(node: Any) -> set[str]:
    """Every index an EXPLAIN (FORMAT JSON) plan reads."""
    if isinstance(node, dict):
        found = {node["Index Name"]} if "Index Name" in node else set()
        return found.union(*(index_names(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(index_names(item) for item in node))
    return set()


def access_method(conn: psycopg.Connection, index: str) -> str:
    row = conn.execute(
        "SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relname = %s", (index,)
    ).fetchone()
    return row[0] if row else "?"


@pytest.fixture
def shop(answer: Path, postgres_url: str) -> Iterator[tuple[ModuleType, psycopg.Connection]]:
    module = load_module(answer)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        # The laptop's setting: without a configuration named in the query, nothing is stemmed.
        conn.execute("SET default_text_search_config = 'pg_catalog.simple'")
        module.setup(conn)
        for product_id, name in PRODUCTS.items():
            conn.execute("INSERT INTO products (id, name) VALUES (%s, %s)", (product_id, name))
        conn.execute("ANALYZE products")
        yield module, conn


def test_plurals_and_accents_match_on_any_server(shop: tuple[ModuleType, psycopg.Connection]) -> None:
    module, conn = shop
    assert set(module.search(conn, "chairs")) == {"p4", "p5"}, (
        "'chairs' must find both chairs even where default_text_search_config is 'simple': name the "
        "configuration in the index and in the query"
    )
    assert module.search(conn, "cafe") == ["p4"], "'cafe' must find the Café chair: add unaccent to the configuration"
    assert module.search(conn, "Café") == ["p4"]


def test_quotes_and_minus_work_as_users_expect(shop: tuple[ModuleType, psycopg.Connection]) -> None:
    module, conn = shop
    assert module.search(conn, '"standing desk"') == ["p2"], "quotes mean a phrase: use websearch_to_tsquery"
    assert set(module.search(conn, "desk -standing")) == {"p1", "p3"}, "-standing excludes standing products"


def test_the_best_match_comes_first(shop: tuple[ModuleType, psycopg.Connection]) -> None:
    module, conn = shop
    hits = module.search(conn, "desk")
    assert set(hits) == {"p1", "p2", "p3", "p6"}
    assert hits[0] == "p3", f"'desk' returned {hits}: order by ts_rank (p3 names the desk twice), not by id"


def test_the_search_can_use_the_gin_index(shop: tuple[ModuleType, psycopg.Connection]) -> None:
    module, conn = shop
    recording = Recording(conn)
    module.search(recording, "desk")
    query, params = recording.sent[-1]
    # Six rows are too few for the planner to prefer an index on its own; with sequential scans priced out, it
    # still scans the table only if no index can answer the query.
    conn.execute("SET enable_seqscan = off")
    plan = conn.execute("EXPLAIN (FORMAT JSON) " + query, params).fetchone()[0]
    used = index_names(plan)
    methods = {name: access_method(conn, name) for name in used}
    assert "gin" in methods.values(), (
        f"the plan uses {methods or 'no index'}, even with sequential scans switched off: the WHERE clause must use "
        "the very expression the GIN index was built on (same function, same configuration), or a stored tsvector"
    )


@pytest.mark.starter_passes
def test_a_word_nobody_sells_finds_nothing(shop: tuple[ModuleType, psycopg.Connection]) -> None:
    module, conn = shop
    assert module.search(conn, "unicorn") == []
