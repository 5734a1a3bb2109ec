"""Acceptance check: every customer appears once, with their referrer's name or '-', and the number of
customers they referred, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from exercises.databases.sql_fundamentals.support import (
    Shop,
    in_postgres,
    in_sqlite,
    ordered,
    query_of,
    random_shop,
    rows,
)

SEEDS = (21, 22, 23, 24)


def expected(shop: Shop) -> list[tuple]:
    names = {customer_id: name for customer_id, name, _, _ in shop.customers}
    referred = Counter(referrer for _, _, _, referrer in shop.customers if referrer is not None)
    return ordered(
        [
            (customer_id, name, names[referrer] if referrer is not None else "-", referred[customer_id])
            for customer_id, name, _, referrer in shop.customers
        ]
    )


def small_shop() -> Shop:
    """Ada referred Grace and Linus; Grace referred Margaret; nobody referred Ada or Ken."""
    shop = Shop()
    ada = shop.customer("Ada")
    grace = shop.customer("Grace", referred_by=ada)
    shop.customer("Linus", referred_by=ada)
    shop.customer("Margaret", referred_by=grace)
    shop.customer("Ken")
    return shop


def test_every_customer_appears_once(answer: Path) -> None:
    found = rows(in_sqlite(small_shop()), query_of(answer))
    assert sorted(row[0] for row in found) == [1, 2, 3, 4, 5], "one row per customer, referred or not"


def test_customers_nobody_referred_show_a_dash_and_people_who_referred_nobody_show_zero(answer: Path) -> None:
    found = rows(in_sqlite(small_shop()), query_of(answer))
    assert found == [
        (1, "Ada", "-", 2),
        (2, "Grace", "Ada", 1),
        (3, "Linus", "Ada", 0),
        (4, "Margaret", "Grace", 0),
        (5, "Ken", "-", 0),
    ]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_report_matches_the_referrals_on_random_shops(answer: Path, seed: int) -> None:
    """Names repeat in these shops: two customers called Sam Lee are two rows with their own counts."""
    shop = random_shop(seed)
    assert rows(in_sqlite(shop), query_of(answer)) == expected(shop)


@pytest.mark.postgres
def test_postgresql_gives_the_same_report(answer: Path, postgres_url: str) -> None:
    for shop in (small_shop(), *(random_shop(seed) for seed in SEEDS)):
        with in_postgres(postgres_url, shop) as conn:
            assert rows(conn, query_of(answer)) == expected(shop), "the report must run on PostgreSQL too"
