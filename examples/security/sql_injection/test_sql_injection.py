"""The injections in the lesson succeed against `vulnerable` and fail against `fixed`."""

import sqlite3

import pytest

from examples.security.sql_injection import fixed, vulnerable
from examples.security.sql_injection.shop_db import create_shop

ALWAYS_TRUE = "' OR '1'='1"
UNION_ADMINS = "x' UNION SELECT id, email || ' is_admin=' || is_admin FROM users --"


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


def test_blind_probe_through_sort_parameter_reads_other_tables(shop):
    # sqlite3 refuses a second statement in execute(), but the injected ORDER BY still runs as SQL:
    # a subquery can probe other tables one yes/no question at a time (blind injection).
    probe = "(CASE WHEN (SELECT is_admin FROM users WHERE email='ada@example.com')=1 THEN price_cents ELSE name END)"
    rows = vulnerable.search_products(shop, "", probe)
    assert [name for name, _ in rows] == ["Desk lamp", "Chair", "Desk"]  # ordered by price: the answer was yes


def test_fixed_search_rejects_unknown_sort(shop):
    with pytest.raises(ValueError, match="sort must be one of"):
        fixed.search_products(shop, "", "price_cents; DROP TABLE users")


def test_fixed_search_treats_quotes_and_wildcards_as_text(shop):
    assert fixed.search_products(shop, "' OR '1'='1", "name") == []
    assert fixed.search_products(shop, "%", "name") == []
    assert fixed.search_products(shop, "Desk", "cheapest") == [("Desk lamp", 2500), ("Desk", 19900)]
