"""Acceptance check: after erasure Ada's tickets, account, cache entries and encrypted history are gone or
unreadable, her orders remain for the books without anything that identifies her, Bob is untouched, and a retry
is harmless."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
import redis

from examples.architecture.data_protection.privacy import SubjectVault
from exercises import load_module

pytestmark = pytest.mark.redis

ADA, BOB = 1, 2


@dataclass
class Shop:
    module: ModuleType
    conn: sqlite3.Connection
    vault: SubjectVault
    cache: redis.Redis
    history: dict[int, bytes]

    def erase(self, user_id: int) -> None:
        self.module.erase_subject(self.conn, self.vault, self.cache, user_id)

    def revenue(self) -> int:
        return self.conn.execute("SELECT sum(total_cents) FROM orders").fetchone()[0]


@pytest.fixture
def shop(answer: Path, redis_url: str) -> Iterator[Shop]:
    module = load_module(answer)
    conn = sqlite3.connect(":memory:")
    conn.executescript(module.SCHEMA)
    conn.executescript(
        """
        INSERT INTO users VALUES (1, 'Ada Lovelace', 'ada@example.com'), (2, 'Bob Byron', 'bob@example.com');
        INSERT INTO orders VALUES (10, 1, 'Ada Lovelace', '12 Example Road', 4999, '2025-03-01'),
                                  (11, 2, 'Bob Byron', '1 Other Street', 1500, '2025-03-02'),
                                  (12, 1, 'Ada Lovelace', '12 Example Road', 2500, '2025-04-01');
        INSERT INTO tickets VALUES (20, 1, 'My lamp arrived broken'), (21, 2, 'Where is my parcel?');
        """
    )
    cache = redis.Redis.from_url(redis_url)
    vault = SubjectVault()
    for user_id, name in ((ADA, "Ada"), (BOB, "Bob")):
        module.remember_profile(cache, user_id, name)
        module.remember_view(cache, user_id, "desk-lamp")
    history = {user_id: module.record_history(vault, user_id, f"address changed ({user_id})") for user_id in (1, 2)}
    try:
        yield Shop(module, conn, vault, cache, history)
    finally:
        cache.close()


def test_her_tickets_and_account_are_gone(shop: Shop) -> None:
    shop.erase(ADA)
    assert shop.conn.execute("SELECT count(*) FROM tickets WHERE user_id = ?", (ADA,)).fetchone()[0] == 0, (
        "her support tickets are still there"
    )
    assert shop.conn.execute("SELECT count(*) FROM users WHERE id = ?", (ADA,)).fetchone()[0] == 0


def test_her_orders_stay_in_the_books_without_her(shop: Shop) -> None:
    before = shop.revenue()
    shop.erase(ADA)
    assert shop.revenue() == before, (
        f"revenue went from {before} to {shop.revenue()}: tax law requires the invoices, so anonymize them instead "
        "of deleting them"
    )
    kept = shop.conn.execute(
        "SELECT id, user_id, customer_name, address, total_cents, placed_at FROM orders"
        " WHERE id IN (10, 12) ORDER BY id"
    ).fetchall()
    assert kept == [(10, None, None, None, 4999, "2025-03-01"), (12, None, None, None, 2500, "2025-04-01")], (
        f"Ada's orders after erasure: {kept}; keep amount and date, and set user id, name and address to NULL"
    )


def test_her_encrypted_history_can_no_longer_be_read(shop: Shop) -> None:
    archived_copy = bytes(shop.history[ADA])
    shop.erase(ADA)
    try:
        text = shop.vault.decrypt(str(ADA), archived_copy)
    except LookupError:
        return
    pytest.fail(f"an archived copy still decrypts to {text!r}: shred her key in the vault (SubjectVault.forget)")


def test_her_cache_entries_are_gone(shop: Shop) -> None:
    shop.erase(ADA)
    left = [key for key in (f"profile:{ADA}", f"recently_viewed:{ADA}") if shop.cache.exists(key)]
    assert not left, f"still cached: {left}; the product page would greet her by name for another hour"


@pytest.mark.starter_passes
def test_bob_is_untouched(shop: Shop) -> None:
    shop.erase(ADA)
    assert shop.conn.execute("SELECT name FROM users WHERE id = ?", (BOB,)).fetchone() == ("Bob Byron",)
    assert shop.conn.execute("SELECT customer_name FROM orders WHERE id = 11").fetchone() == ("Bob Byron",)
    assert shop.conn.execute("SELECT count(*) FROM tickets WHERE user_id = ?", (BOB,)).fetchone()[0] == 1
    assert shop.cache.get(f"profile:{BOB}") == b"Bob"
    assert shop.vault.decrypt(str(BOB), shop.history[BOB]) == "address changed (2)"


@pytest.mark.starter_passes
def test_a_retried_erasure_is_harmless(shop: Shop) -> None:
    shop.erase(ADA)
    after_first = (shop.revenue(), shop.conn.execute("SELECT count(*) FROM orders").fetchone()[0])
    shop.erase(ADA)
    assert (shop.revenue(), shop.conn.execute("SELECT count(*) FROM orders").fetchone()[0]) == after_first
