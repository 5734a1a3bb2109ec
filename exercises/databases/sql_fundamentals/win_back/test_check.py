"""Acceptance check: both win-back queries list exactly the customers with no order in March 2026, with guest
orders in the data and orders late on March 31, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercises import load_module
from exercises.databases.sql_fundamentals.support import Shop, in_postgres, in_sqlite, ordered, random_shop, rows

FORMS = ("WIN_BACK_NOT_EXISTS", "WIN_BACK_LEFT_JOIN")
SEEDS = (11, 12, 13, 14)


def queries(answer: Path) -> dict[str, str]:
    module = load_module(answer)
    return {form: getattr(module, form) for form in FORMS}


def expected(shop: Shop) -> list[tuple]:
    in_march = {c for _, c, placed_at, _ in shop.orders if "2026-03-01" <= placed_at < "2026-04-01"}
    return ordered([(customer_id, name) for customer_id, name, _, _ in shop.customers if customer_id not in in_march])


def march_shop() -> Shop:
    """Ada ordered in February only, Grace in February and March, Linus late on March 31, Margaret never;
    a guest ordered in March."""
    shop = Shop()
    ada, grace, linus = shop.customer("Ada"), shop.customer("Grace"), shop.customer("Linus")
    shop.customer("Margaret")
    shop.order(ada, "2026-02-11 09:00:00", 9900)
    shop.order(grace, "2026-02-12 10:00:00", 4000)
    shop.order(grace, "2026-03-12 16:45:00", 1500)
    shop.order(linus, "2026-03-31 21:30:00", 12000)
    shop.order(None, "2026-03-20 11:00:00", 2000)
    return shop


def test_guest_orders_do_not_empty_the_list(answer: Path) -> None:
    found = rows(in_sqlite(march_shop()), queries(answer)["WIN_BACK_NOT_EXISTS"])
    assert found, "WIN_BACK_NOT_EXISTS returns nobody: a guest order's NULL customer_id must not hide everyone"


@pytest.mark.parametrize("form", FORMS)
def test_the_list_is_exactly_the_customers_without_a_march_order(answer: Path, form: str) -> None:
    found = rows(in_sqlite(march_shop()), queries(answer)[form])
    assert (2, "Grace") not in found, f"{form}: Grace ordered on March 12; she has an order outside March too"
    assert (3, "Linus") not in found, f"{form}: Linus ordered at 21:30 on March 31, which is still March"
    assert found == [(1, "Ada"), (4, "Margaret")]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("seed", SEEDS)
def test_both_forms_agree_with_the_definition_on_random_shops(answer: Path, form: str, seed: int) -> None:
    shop = random_shop(seed, guests=True)
    assert rows(in_sqlite(shop), queries(answer)[form]) == expected(shop)


def test_each_query_keeps_its_form(answer: Path) -> None:
    found = {form: re.sub(r"\s+", " ", sql.upper()) for form, sql in queries(answer).items()}
    assert "NOT EXISTS" in found["WIN_BACK_NOT_EXISTS"], "write WIN_BACK_NOT_EXISTS with NOT EXISTS"
    assert "LEFT JOIN" in found["WIN_BACK_LEFT_JOIN"] and "IS NULL" in found["WIN_BACK_LEFT_JOIN"], (
        "write WIN_BACK_LEFT_JOIN as LEFT JOIN ... WHERE ... IS NULL"
    )
    assert not any(" NOT IN " in sql or "NOT IN(" in sql for sql in found.values()), (
        "no NOT IN: it returns nothing as soon as the list holds a NULL"
    )


@pytest.mark.postgres
@pytest.mark.parametrize("form", FORMS)
def test_postgresql_gives_the_same_list(answer: Path, form: str, postgres_url: str) -> None:
    for shop in (march_shop(), *(random_shop(seed, guests=True) for seed in SEEDS)):
        with in_postgres(postgres_url, shop) as conn:
            assert rows(conn, queries(answer)[form]) == expected(shop), f"{form} on PostgreSQL"
