"""Acceptance check: partner records are converted to euro cents, keyed by a normalized email, with ISO
countries; unknown currencies and impossible dates are rejected with reasons; the merged load is idempotent."""

from __future__ import annotations

import contextlib
import sqlite3
from decimal import Decimal
from itertools import chain
from pathlib import Path

import pytest

from examples.databases.hybrid.etl import Rejected, from_crm_csv, from_shop_jsonl, load
from examples.databases.hybrid.test_hybrid import CRM, SHOP
from exercises import load_module

RATES = {"EUR": Decimal("1"), "GBP": Decimal("1.17")}


def record(email: str, name: str, country: str, currency: str, amount: str, day: str) -> str:
    return f"{email:<40}{name:<30}{country:<2}{currency:<3}{amount:>12}{day:<8}"


PARTNER = "\n".join(
    [
        record("ADA@Example.com", "Ada Lovelace", "UK", "GBP", "100.05", "20180301"),
        record("marie@example.com", "Marie Curie", "FR", "EUR", "1234.50", "20230115"),
        record("alan@example.com", "Alan Turing", "GB", "USD", "99.00", "20220601"),
        record("kurt@example.com", "Kurt Goedel", "AT", "EUR", "10.00", "20260231"),
        "",
    ]
)


def partner(answer: Path):
    return list(load_module(answer).from_partner_fixed_width(PARTNER, RATES))


def integrated(answer: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    load(conn, chain(from_crm_csv(CRM), from_shop_jsonl(SHOP), partner(answer)))
    return conn


def customers(conn: sqlite3.Connection) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in conn.execute("SELECT * FROM customers ORDER BY email")}


def test_pounds_become_euro_cents_and_euros_keep_their_pennies(answer: Path) -> None:
    found = {r.email: r for r in partner(answer) if not isinstance(r, Rejected)}
    assert found["marie@example.com"].lifetime_value_cents == 123_450
    # 100.05 GBP x 1.17 = 117.0585 EUR: 11,705.85 cents, rounded to 11,706
    assert found["ada@example.com"].lifetime_value_cents == 11_706


def test_unknown_currencies_and_impossible_dates_are_rejected_with_a_reason(answer: Path) -> None:
    rejected = [r for r in partner(answer) if isinstance(r, Rejected)]
    reasons = " | ".join(r.reason for r in rejected)
    assert len(rejected) == 2, f"expected the USD record and the 31 February record to be rejected, got: {reasons}"
    assert "USD" in reasons, "say which currency had no rate"
    assert all(r.source == "partner" and r.record for r in rejected)


def test_the_partner_merges_with_the_other_sources(answer: Path) -> None:
    found = customers(integrated(answer))
    _, country, value, first_seen, sources = found["ada@example.com"]
    assert country == "GB"
    assert value == 123_450 + 5_000 + 11_706  # CRM, shop and partner add up
    assert first_seen == "2018-01-01"  # the shop's date is the earliest
    assert sorted(sources.split(",")) == ["crm", "partner", "shop"]
    assert "ADA@example.com" not in found and all(email == email.lower() for email in found)


@pytest.mark.starter_passes
def test_running_the_load_twice_gives_the_same_table(answer: Path) -> None:
    conn = sqlite3.connect(":memory:")
    records = list(chain(from_crm_csv(CRM), from_shop_jsonl(SHOP)))
    with contextlib.suppress(Exception):  # a crashing extractor is the other tests' business
        records += partner(answer)
    load(conn, records)
    first = customers(conn)
    load(conn, records)
    assert customers(conn) == first
