"""Acceptance check: every customer who ties for first place in a country is listed, with their spend, and the
query gives the same rows on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections import defaultdict
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

SEEDS = (1, 2, 3, 4)


def expected(shop: Shop) -> list[tuple]:
    """Per country, every customer whose total spend equals the highest in that country."""
    spend: dict[int, int] = defaultdict(int)
    for _, customer_id, _, total in shop.orders:
        if customer_id is not None:
            spend[customer_id] += total
    best: dict[str, int] = {}
    for customer_id, _, country, _ in shop.customers:
        if customer_id in spend:
            best[country] = max(best.get(country, 0), spend[customer_id])
    return ordered(
        [
            (country, name, spend[customer_id])
            for customer_id, name, country, _ in shop.customers
            if customer_id in spend and spend[customer_id] == best[country]
        ]
    )


def tied_shop() -> Shop:
    """Two Finns tie at 90.00, ahead of a third; one Briton; a Japanese customer who never ordered."""
    shop = Shop()
    aino, ville, emma = shop.customer("Aino", "FI"), shop.customer("Ville", "FI"), shop.customer("Emma", "FI")
    olive = shop.customer("Olive", "GB")
    shop.customer("Yuki", "JP")
    shop.order(aino, "2026-03-02 10:00:00", 5000)
    shop.order(aino, "2026-03-09 10:00:00", 4000)
    shop.order(ville, "2026-03-03 18:30:00", 9000)
    shop.order(emma, "2026-03-04 09:15:00", 8900)
    shop.order(olive, "2026-03-05 12:00:00", 2500)
    return shop


@pytest.mark.starter_passes
@pytest.mark.parametrize("seed", SEEDS)
def test_each_country_lists_its_top_spender(answer: Path, seed: int) -> None:
    shop = random_shop(seed, referrals=False)
    assert rows(in_sqlite(shop), query_of(answer)) == expected(shop)


def test_customers_who_tie_for_first_place_are_all_listed(answer: Path) -> None:
    found = rows(in_sqlite(tied_shop()), query_of(answer))
    assert found == [("FI", "Aino", 9000), ("FI", "Ville", 9000), ("GB", "Olive", 2500)], (
        "Aino and Ville both spent 90.00 in Finland: list both, and only them"
    )


@pytest.mark.starter_passes
def test_customers_who_share_a_name_are_not_added_together(answer: Path) -> None:
    """Two different Sam Lees spend 60.00 each; Ada spends 100.00 and is the top customer."""
    shop = Shop()
    for name, total in (("Sam Lee", 6000), ("Sam Lee", 6000), ("Ada Hopper", 10000)):
        shop.order(shop.customer(name, "US"), "2026-02-01 08:00:00", total)
    assert rows(in_sqlite(shop), query_of(answer)) == [("US", "Ada Hopper", 10000)], (
        "group by the customer's id: two customers may share a name"
    )


@pytest.mark.postgres
def test_the_query_gives_the_same_rows_on_postgresql(answer: Path, postgres_url: str) -> None:
    for shop in (tied_shop(), *(random_shop(seed, referrals=False) for seed in SEEDS)):
        with in_postgres(postgres_url, shop) as conn:
            assert rows(conn, query_of(answer)) == expected(shop), (
                "production runs PostgreSQL: the query must run there and give the same rows"
            )
