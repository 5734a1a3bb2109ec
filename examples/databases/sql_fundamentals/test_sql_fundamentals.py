"""Each query in the SQL fundamentals lesson returns what the lesson says it returns."""

from __future__ import annotations

import sqlite3

import pytest

from examples.databases.sql_fundamentals import queries as q


@pytest.fixture
def shop() -> sqlite3.Connection:
    return q.create_shop()


def test_filter_and_sort(shop):
    assert shop.execute(q.BIG_ORDERS, (4000, "2026-02-01")).fetchall() == [(14, 3, 12000), (11, 1, 9900), (12, 2, 4000)]


def test_inner_join_drops_customers_without_orders(shop):
    names = {row[0] for row in shop.execute(q.ORDERS_WITH_NAMES)}
    assert names == {"Ada", "Grace", "Linus"}


def test_left_join_keeps_them_with_a_zero_count(shop):
    assert shop.execute(q.CUSTOMERS_AND_ORDER_COUNTS).fetchall() == [
        ("Ada", 2),
        ("Grace", 2),
        ("Linus", 1),
        ("Margaret", 0),
    ]


# --8<-- [start:trap_test]
def test_filter_in_where_turns_a_left_join_into_an_inner_join(shop):
    wrong = shop.execute(q.MARCH_ORDERS_PER_CUSTOMER_WRONG).fetchall()
    right = shop.execute(q.MARCH_ORDERS_PER_CUSTOMER).fetchall()
    assert wrong == [("Grace", 1), ("Linus", 1)]
    assert right == [("Ada", 0), ("Grace", 1), ("Linus", 1), ("Margaret", 0)]


def test_not_in_with_a_null_matches_nothing(shop):
    assert shop.execute(q.NEVER_REFERRED_ANYONE_WRONG).fetchall() == []
    assert [n for (n,) in shop.execute(q.NEVER_REFERRED_ANYONE)] == ["Grace", "Linus", "Margaret"]


# --8<-- [end:trap_test]


def test_equals_null_is_never_true(shop):
    assert shop.execute("SELECT count(*) FROM customers WHERE referred_by = NULL").fetchone() == (0,)
    assert [n for (n,) in shop.execute(q.NOT_REFERRED)] == ["Ada", "Margaret"]


def test_group_by_with_having(shop):
    assert shop.execute(q.REVENUE_BY_COUNTRY, (5000,)).fetchall() == [
        ("GB", 2, 12400),
        ("FI", 1, 12000),
        ("US", 2, 5500),
    ]
    assert shop.execute(q.REVENUE_BY_COUNTRY, (12000,)).fetchall() == [("GB", 2, 12400)]


def test_window_functions_keep_every_row(shop):
    rows = shop.execute(q.RUNNING_TOTALS).fetchall()
    assert len(rows) == 5
    assert [r[3] for r in rows if r[0] == "Ada"] == [2500, 12400]
    assert [r for r in rows if r[4] == 1] == [("Linus", "2026-03-02", 12000, 12000, 1)]


def test_update_returning_reports_changed_rows(shop):
    assert q.apply_discount(shop, customer_id=2, percent=10) == [(12, 3600), (13, 1350)]
    assert shop.execute("SELECT sum(total_cents) FROM orders WHERE customer_id = 2").fetchone() == (4950,)


def test_foreign_key_rejects_an_order_for_an_unknown_customer(shop):
    with pytest.raises(sqlite3.IntegrityError):
        shop.execute("INSERT INTO orders VALUES (99, 42, '2026-04-01', 100)")
