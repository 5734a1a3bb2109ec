"""Integrating heterogeneous sources: a CSV export, a JSON Lines feed and an ERP with its own conventions.

Extract each source with its own reader, transform every record into one canonical shape (validated,
with units, dates and identifiers normalised), reject what cannot be mapped with a reason, and load
idempotently by a natural key so the job can be re-run after a failure.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class Customer:
    email: str  # natural key: lower-cased, trimmed
    name: str
    country: str  # ISO 3166-1 alpha-2
    lifetime_value_cents: int
    first_seen: date
    source: str


@dataclass(frozen=True)
class Rejected:
    source: str
    record: str
    reason: str


COUNTRY_ALIASES = {"uk": "GB", "united kingdom": "GB", "deutschland": "DE", "germany": "DE", "france": "FR"}


def normalise_country(raw: str) -> str:
    value = raw.strip()
    # Aliases first: "UK" looks like a two-letter code but the ISO code for the United Kingdom is GB.
    if value.lower() in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[value.lower()]
    if len(value) == 2 and value.isalpha():
        return value.upper()
    raise ValueError(f"unknown country {raw!r}")


# --8<-- [start:extract]
def from_crm_csv(text: str) -> Iterator[Customer | Rejected]:
    """CRM export: semicolon-separated, European decimal comma, day-first dates."""
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        try:
            yield Customer(
                email=row["E-Mail"].strip().lower(),
                name=row["Name"].strip(),
                country=normalise_country(row["Land"]),
                lifetime_value_cents=int(Decimal(row["Umsatz EUR"].replace(".", "").replace(",", ".")) * 100),
                first_seen=datetime.strptime(row["Seit"], "%d.%m.%Y").date(),
                source="crm",
            )
        except (KeyError, ValueError, InvalidOperation) as exc:
            yield Rejected("crm", json.dumps(row), str(exc))


def from_shop_jsonl(text: str) -> Iterator[Customer | Rejected]:
    """Web shop feed: JSON Lines, amounts already in cents, Unix timestamps, optional fields."""
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            yield Customer(
                email=doc["email"].strip().lower(),
                name=(doc.get("first_name", "") + " " + doc.get("last_name", "")).strip() or doc["email"],
                country=normalise_country(doc["address"]["country"]),
                lifetime_value_cents=int(doc["total_spent_cents"]),
                first_seen=datetime.fromtimestamp(doc["created_at"], tz=UTC).date(),
                source="shop",
            )
        except (KeyError, TypeError, ValueError) as exc:
            yield Rejected("shop", line, f"{type(exc).__name__}: {exc}")


# --8<-- [end:extract]


# --8<-- [start:load]
SCHEMA = """
CREATE TABLE IF NOT EXISTS customers (
    email TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL CHECK (length(country) = 2),
    lifetime_value_cents INTEGER NOT NULL CHECK (lifetime_value_cents >= 0),
    first_seen TEXT NOT NULL,
    sources TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (source TEXT NOT NULL, record TEXT NOT NULL, reason TEXT NOT NULL);
"""


def load(conn: sqlite3.Connection, records: Iterable[Customer | Rejected]) -> None:
    """Merge by natural key: values add up across sources and the earliest date wins.

    The job rebuilds the integrated table from all sources inside one transaction, the simplest design
    that is idempotent: running it twice, or again after a crash, gives the same result.
    """
    with conn:
        conn.executescript(SCHEMA)
        conn.execute("DELETE FROM customers")
        conn.execute("DELETE FROM rejected")
        for record in records:
            if isinstance(record, Rejected):
                conn.execute("INSERT INTO rejected VALUES (?, ?, ?)", (record.source, record.record, record.reason))
                continue
            conn.execute(
                """
                INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (email) DO UPDATE SET
                    lifetime_value_cents = lifetime_value_cents + excluded.lifetime_value_cents,
                    first_seen = min(first_seen, excluded.first_seen),
                    sources = sources || ',' || excluded.sources
                """,
                (
                    record.email,
                    record.name,
                    record.country,
                    record.lifetime_value_cents,
                    record.first_seen.isoformat(),
                    record.source,
                ),
            )


# --8<-- [end:load]
