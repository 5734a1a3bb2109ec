"""Outbox relay, cache-aside and the ETL merge behave as the hybrid-architectures lesson says."""

from __future__ import annotations

import sqlite3
import textwrap
from itertools import chain

import pytest

from examples.databases.hybrid.cache import ProductPrices, TTLCache
from examples.databases.hybrid.etl import Customer, Rejected, from_crm_csv, from_shop_jsonl, load
from examples.databases.hybrid.outbox import CustomerSummaries, create_shop, place_order, relay

CRM = textwrap.dedent(
    """\
    Name;E-Mail;Land;Umsatz EUR;Seit
    Ada Lovelace;ADA@example.com ;UK;1.234,50;03.02.2019
    Grace Hopper;grace@example.com;Deutschland;99,00;15.07.2021
    Broken Row;bad@example.com;Atlantis;1,00;01.01.2020
    """
)
SHOP = "\n".join(
    [
        '{"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace",'
        ' "address": {"country": "gb"}, "total_spent_cents": 5000, "created_at": 1514764800}',
        '{"email": "linus@example.com", "address": {"country": "FI"},'
        ' "total_spent_cents": 700, "created_at": 1700000000}',
        '{"email": "nocountry@example.com", "total_spent_cents": 1, "created_at": 1700000000}',
    ]
)


def test_order_and_event_commit_together():
    conn = create_shop()
    place_order(conn, "ada", 2500)
    with pytest.raises(RuntimeError):
        place_order(conn, "ada", 999, fail_after_insert=True)
    assert conn.execute("SELECT count(*) FROM orders").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM outbox").fetchone() == (1,)


# --8<-- [start:relay_test]
def test_relay_builds_the_read_model_and_tolerates_redelivery():
    conn = create_shop()
    for cents in (1000, 2000, 3000):
        place_order(conn, "ada", cents)
    place_order(conn, "bob", 500)
    model = CustomerSummaries()
    position = relay(conn, model)
    relay(conn, model, from_seq=0)  # the relay crashed before saving its position and starts over
    assert position == 4
    assert model.docs["ada"] == {"orders": 3, "spent_cents": 6000, "recent": [3, 2, 1]}
    assert model.docs["bob"]["orders"] == 1


# --8<-- [end:relay_test]


def test_cache_aside_serves_hits_and_invalidates_on_write():
    now = [0.0]
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        "CREATE TABLE products (sku TEXT PRIMARY KEY, price_cents INTEGER); INSERT INTO products VALUES ('lamp', 2500);"
    )
    prices = ProductPrices(conn, TTLCache(ttl_seconds=60, clock=lambda: now[0]))
    assert [prices.price("lamp") for _ in range(5)] == [2500] * 5
    assert prices.db_reads == 1
    prices.change_price("lamp", 2700)
    assert prices.price("lamp") == 2700  # no stale read after our own write
    conn.execute("UPDATE products SET price_cents = 3000 WHERE sku = 'lamp'")  # a write that bypasses the cache
    assert prices.price("lamp") == 2700  # stale until the TTL expires...
    now[0] = 61
    assert prices.price("lamp") == 3000  # ...which bounds how stale it can get


# --8<-- [start:etl_test]
def test_etl_normalises_merges_and_rejects_with_reasons():
    records = list(chain(from_crm_csv(CRM), from_shop_jsonl(SHOP)))
    conn = sqlite3.connect(":memory:")
    load(conn, records)
    load(conn, records)  # re-running the job must not double the numbers
    ada = conn.execute("SELECT country, lifetime_value_cents, first_seen, sources FROM customers WHERE email = ?",
                       ("ada@example.com",)).fetchone()  # fmt: skip
    assert ada == ("GB", 123450 + 5000, "2018-01-01", "crm,shop")
    assert conn.execute("SELECT count(*) FROM customers").fetchone() == (3,)
    reasons = [r for (r,) in conn.execute("SELECT reason FROM rejected ORDER BY source")]
    assert reasons == ["unknown country 'Atlantis'", "KeyError: 'address'"]


# --8<-- [end:etl_test]


def test_extractors_produce_canonical_records():
    first = next(from_crm_csv(CRM))
    assert isinstance(first, Customer)
    assert (first.email, first.lifetime_value_cents, first.first_seen.isoformat()) == (
        "ada@example.com",
        123450,
        "2019-02-03",
    )
    assert any(isinstance(r, Rejected) for r in from_shop_jsonl(SHOP))
