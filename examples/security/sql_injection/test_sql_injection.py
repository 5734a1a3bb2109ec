"""The injections in the lesson succeed against `vulnerable` and fail against `fixed`."""

import sqlite3

import psycopg
import pytest

from examples.security.sql_injection import fixed, vulnerable
from examples.security.sql_injection.shop_db import create_shop

ALWAYS_TRUE = "' OR '1'='1"
UNION_ADMINS = "x' UNION SELECT id, email || ' is_admin=' || is_admin FROM users --"
STACKED = "x'; DROP TABLE users; --"


@pytest.fixture
def shop() -> sqlite3.Connection:
    return create_shop()


def test_both_versions_agree_on_honest_input(shop):
    assert (
        vulnerable.find_user(shop, "bob@example.com")
        == fixed.find_user(shop, "bob@example.com")
        == [(2, "bob@example.com")]
    )


# --8<-- [start:attacks]
def test_always_true_payload_dumps_every_user_from_vulnerable(shop):
    assert len(vulnerable.find_user(shop, ALWAYS_TRUE)) == 2


def test_always_true_payload_is_just_an_unknown_email_for_fixed(shop):
    assert fixed.find_user(shop, ALWAYS_TRUE) == []


def test_union_payload_leaks_admin_flags_from_vulnerable(shop):
    leaked = [row[1] for row in vulnerable.find_user(shop, UNION_ADMINS)]
    assert "ada@example.com is_admin=1" in leaked


def test_union_payload_is_inert_in_fixed(shop):
    assert fixed.find_user(shop, UNION_ADMINS) == []


# --8<-- [end:attacks]


def is_admin_probe(email: str) -> str:
    """A sort "column" that asks one yes/no question: order by price if `email` is an admin, else by name."""
    return f"(CASE WHEN (SELECT is_admin FROM users WHERE email='{email}')=1 THEN price_cents ELSE name END)"  # noqa: S608


def test_blind_probe_through_sort_parameter_reads_other_tables(shop):
    # sqlite3 refuses a second statement in execute(), but the injected ORDER BY still runs as SQL:
    # a subquery can probe other tables one yes/no question at a time (blind injection).
    by_price, by_name = ["Desk lamp", "Chair", "Desk"], ["Chair", "Desk", "Desk lamp"]
    assert [name for name, _ in vulnerable.search_products(shop, "", is_admin_probe("ada@example.com"))] == by_price
    assert [name for name, _ in vulnerable.search_products(shop, "", is_admin_probe("bob@example.com"))] == by_name


def test_sqlite_refuses_a_stacked_statement(shop):
    with pytest.raises(sqlite3.ProgrammingError, match="one statement at a time"):
        vulnerable.find_user(shop, STACKED)
    assert len(shop.execute("SELECT * FROM users").fetchall()) == 2


@pytest.mark.postgres
def test_psycopg_runs_a_stacked_statement_in_a_string_built_query(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL)")
        # Bound, the payload is one odd email: nothing matches and the table survives.
        assert conn.execute("SELECT id, email FROM users WHERE email = %s", (STACKED,)).fetchall() == []
        assert conn.execute("SELECT to_regclass('users') IS NOT NULL").fetchone() == (True,)
        # String-built, the query has no parameters, so psycopg uses the simple query protocol, which runs both.
        conn.execute(f"SELECT id, email FROM users WHERE email = '{STACKED}'")  # noqa: S608
        assert conn.execute("SELECT to_regclass('users') IS NOT NULL").fetchone() == (False,)


def test_fixed_search_rejects_unknown_sort(shop):
    with pytest.raises(ValueError, match="sort must be one of"):
        fixed.search_products(shop, "", "price_cents; DROP TABLE users")


def test_fixed_search_treats_quotes_and_wildcards_as_text(shop):
    assert fixed.search_products(shop, "' OR '1'='1", "name") == []
    assert fixed.search_products(shop, "%", "name") == []
    assert fixed.search_products(shop, "_", "name") == []  # `_` would match any one character
    assert fixed.search_products(shop, "Desk", "cheapest") == [("Desk lamp", 2500), ("Desk", 19900)]
    shop.execute("INSERT INTO products (name, price_cents) VALUES ('Desk_2', 100), ('Desk\\2', 200)")
    assert fixed.search_products(shop, "k_", "name") == [("Desk_2", 100)]
    assert fixed.search_products(shop, "k\\", "name") == [("Desk\\2", 200)]
