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


def test_count_star_counts_the_padded_row_of_a_left_join(shop):
    rows = shop.execute(
        "SELECT c.name, count(*) FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id "
        "WHERE c.name = 'Margaret' GROUP BY c.id, c.name"
    ).fetchall()
    assert rows == [("Margaret", 1)]


def test_sqlite_accepts_a_column_that_is_neither_grouped_nor_aggregated(shop):
    rows = dict((country, name) for country, name, _ in shop.execute(q.LOOSE_GROUP_BY))
    assert rows["US"] in {"Grace", "Margaret"}  # one of the group's names, chosen by SQLite


def test_grouping_by_the_primary_key_is_enough(shop):
    assert shop.execute(q.GROUPED_BY_KEY).fetchall() == [
        (1, "Ada", 2),
        (2, "Grace", 2),
        (3, "Linus", 1),
        (4, "Margaret", 0),
    ]


def test_a_window_function_cannot_be_tested_in_where(shop):
    with pytest.raises(sqlite3.OperationalError, match="misuse of window function"):
        shop.execute(q.BIGGEST_ORDER_PER_CUSTOMER_WRONG).fetchall()
    assert shop.execute(q.BIGGEST_ORDER_PER_CUSTOMER).fetchall() == [(1, 11, 9900), (2, 12, 4000), (3, 14, 12000)]


def test_an_upsert_counts_in_one_statement_and_returns_the_new_count(shop):
    shop.execute(q.PAGE_VIEWS)
    assert [q.record_view(shop, "/home") for _ in range(3)] == [1, 2, 3]
    assert q.record_view(shop, "/about") == 1
    assert shop.execute("SELECT path, views FROM page_views ORDER BY path").fetchall() == [("/about", 1), ("/home", 3)]


# The same queries on PostgreSQL: the core of the language is shared, and the traps are where the lesson says.


@pytest.fixture
def pg_shop(postgres_url):
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(q.SHOP)
        yield conn


def on_postgres(sql: str) -> str:
    return sql.replace("?", "%s")  # psycopg's placeholder; none of these queries has a literal question mark


SHARED = {
    "BIG_ORDERS": (4000, "2026-02-01"),
    "ORDERS_WITH_NAMES": (),
    "CUSTOMERS_AND_ORDER_COUNTS": (),
    "MARCH_ORDERS_PER_CUSTOMER_WRONG": (),
    "MARCH_ORDERS_PER_CUSTOMER": (),
    "REVENUE_BY_COUNTRY": (5000,),
    "GROUPED_BY_KEY": (),
    "NOT_REFERRED": (),
    "NEVER_REFERRED_ANYONE_WRONG": (),
    "NEVER_REFERRED_ANYONE": (),
    "RUNNING_TOTALS": (),
    "BIGGEST_ORDER_PER_CUSTOMER": (),
}


@pytest.mark.postgres
@pytest.mark.parametrize("name", sorted(SHARED))
def test_postgresql_gives_the_same_rows(name, shop, pg_shop):
    sql, params = getattr(q, name), SHARED[name]
    expected = [tuple(row) for row in shop.execute(sql, params)]
    # Every query but the NOT IN trap returns rows, so the comparison means something.
    assert expected or name == "NEVER_REFERRED_ANYONE_WRONG"
    assert [tuple(row) for row in pg_shop.execute(on_postgres(sql), params)] == expected


@pytest.mark.postgres
def test_postgresql_refuses_the_loose_group_by_and_window_functions_in_where(pg_shop):
    from psycopg import errors

    with pytest.raises(errors.GroupingError, match="must appear in the GROUP BY clause"):
        pg_shop.execute(q.LOOSE_GROUP_BY)
    with pytest.raises(errors.WindowingError, match="not allowed in WHERE"):
        pg_shop.execute(q.BIGGEST_ORDER_PER_CUSTOMER_WRONG)


@pytest.mark.postgres
def test_the_upsert_runs_on_postgresql(pg_shop):
    pg_shop.execute("CREATE TABLE page_views (path text PRIMARY KEY, views integer NOT NULL)")
    upsert = (
        "INSERT INTO page_views (path, views) VALUES (%s, 1) "
        "ON CONFLICT (path) DO UPDATE SET views = page_views.views + excluded.views RETURNING views"
    )
    assert [pg_shop.execute(upsert, ("/home",)).fetchone()[0] for _ in range(3)] == [1, 2, 3]


# --8<-- [start:dialects]
@pytest.mark.postgres
def test_where_sqlite_and_postgresql_differ(shop, pg_shop):
    def both(sql: str) -> tuple[list, list]:
        return shop.execute(sql).fetchall(), pg_shop.execute(sql).fetchall()

    # NULL sorts first in SQLite (and MySQL, MariaDB), last in PostgreSQL. Say which you want.
    sqlite_rows, pg_rows = both("SELECT referred_by FROM customers ORDER BY referred_by")
    assert sqlite_rows[0] == (None,) and pg_rows[-1] == (None,)
    assert both("SELECT referred_by FROM customers ORDER BY referred_by NULLS LAST")[0][-1] == (None,)

    # LIKE ignores ASCII case in SQLite, not in PostgreSQL (which has ILIKE). `=` respects case in both.
    assert both("SELECT name FROM customers WHERE name LIKE 'ada'") == ([("Ada",)], [])
    assert both("SELECT name FROM customers WHERE name = 'ada'") == ([], [])

    # Both accept the standard IS DISTINCT FROM (SQLite since 3.39) and || for concatenation.
    assert both("SELECT count(*) FROM customers WHERE referred_by IS DISTINCT FROM 1") == ([(2,)], [(2,)])
    assert both("SELECT name || '/' || country FROM customers WHERE id = 1") == ([("Ada/GB",)], [("Ada/GB",)])

    # Integer division truncates in both (MySQL's / would give 3.5000).
    assert both("SELECT 7 / 2") == ([(3,)], [(3,)])


def test_sqlite_stores_text_in_an_integer_column_unless_the_table_is_strict(shop):
    shop.execute("INSERT INTO orders VALUES (99, 1, '2026-04-01', 'a lot')")
    assert shop.execute("SELECT typeof(total_cents) FROM orders WHERE id = 99").fetchone() == ("text",)
    shop.execute("CREATE TABLE strict_orders (id INTEGER PRIMARY KEY, total_cents INTEGER NOT NULL) STRICT")
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER column"):
        shop.execute("INSERT INTO strict_orders VALUES (1, 'a lot')")


# --8<-- [end:dialects]


@pytest.mark.postgres
def test_postgresql_refuses_text_in_an_integer_column(pg_shop):
    from psycopg import errors

    with pytest.raises(errors.InvalidTextRepresentation):
        pg_shop.execute("INSERT INTO orders VALUES (99, 1, '2026-04-01', 'a lot')")
