"""What the SQL fundamentals checks share: random shops built the same way in SQLite and in PostgreSQL, and a
way to run a learner's query on either.

The checks never compare a query with a stored answer: they build shops from a seed, compute the right answer
in Python, and compare. A query that hard-codes names or totals fails on the next seed.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import psycopg

COUNTRIES = ("DE", "FI", "GB", "JP", "US")
FIRST = ("Ada", "Grace", "Linus", "Margaret", "Sam", "Barbara", "Ken", "Frances", "Dennis", "Radia")
LAST = ("Lee", "Hopper", "Ritchie", "Allen", "Perlman", "Liskov")


@dataclass
class Shop:
    # (id, name, country, referred_by)
    customers: list[tuple[int, str, str, int | None]] = field(default_factory=list)
    # (id, customer_id or None for a guest checkout, placed_at 'YYYY-MM-DD HH:MM:SS', total_cents)
    orders: list[tuple[int, int | None, str, int]] = field(default_factory=list)

    def customer(self, name: str, country: str = "US", referred_by: int | None = None) -> int:
        new_id = len(self.customers) + 1
        self.customers.append((new_id, name, country, referred_by))
        return new_id

    def order(self, customer_id: int | None, placed_at: str, total_cents: int) -> int:
        new_id = 100 + len(self.orders)
        self.orders.append((new_id, customer_id, placed_at, total_cents))
        return new_id


def random_shop(seed: int, *, guests: bool = False, referrals: bool = True) -> Shop:
    """Thirty customers (some share a name), referrals from earlier customers, and orders from January to
    May 2026 at any time of day."""
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret; seeded so every run builds the same shop
    shop = Shop()
    for _ in range(30):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST[:2])}"  # few surnames: names repeat
        referrer = rng.randint(1, len(shop.customers)) if referrals and shop.customers and rng.random() < 0.6 else None
        shop.customer(name, rng.choice(COUNTRIES[:4]), referrer)  # nobody lives in the fifth country
    start = datetime(2026, 1, 1)
    for _ in range(80):
        buyer = None if guests and rng.random() < 0.15 else rng.randint(1, 24)  # customers 25-30 never order
        moment = start + timedelta(minutes=rng.randrange(150 * 24 * 60))
        shop.order(buyer, moment.strftime("%Y-%m-%d %H:%M:%S"), rng.randint(1, 400) * 25)
    return shop


SCHEMA = """
CREATE TABLE customers (
    id integer PRIMARY KEY,
    name text NOT NULL,
    country text NOT NULL,
    referred_by integer REFERENCES customers (id)
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer REFERENCES customers (id),
    placed_at {timestamp} NOT NULL,
    total_cents integer NOT NULL
);
"""


def in_sqlite(shop: Shop) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(SCHEMA.format(timestamp="text"))
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?)", shop.customers)
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", shop.orders)
    conn.commit()
    return conn


def in_postgres(url: str, shop: Shop) -> psycopg.Connection:
    """The shop in the test's own database, on a connection in autocommit mode."""
    conn = psycopg.connect(url, autocommit=True)
    conn.execute("DROP TABLE IF EXISTS orders, customers")
    conn.execute(SCHEMA.format(timestamp="timestamp"))
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO customers VALUES (%s, %s, %s, %s)", shop.customers)
        cur.executemany("INSERT INTO orders VALUES (%s, %s, %s, %s)", shop.orders)
    return conn


def query_of(answer: Path) -> str:
    """The one statement in an answer file, without its trailing semicolon."""
    text = answer.read_text(encoding="utf-8").strip()
    return text.removesuffix(";").strip()


def ordered(found: list[tuple]) -> list[tuple]:
    """Rows in a fixed order (NULLs last), so two lists of rows compare as sets that keep duplicates."""
    return sorted(found, key=lambda row: [(value is None, str(value)) for value in row])


def rows(conn: sqlite3.Connection | psycopg.Connection, sql: str) -> list[tuple]:
    """The rows as plain tuples, sorted: the checks compare rows, not the order they come in."""
    return ordered([tuple(row) for row in conn.execute(sql).fetchall()])
