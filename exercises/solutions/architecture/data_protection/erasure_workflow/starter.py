"""A reference solution: erasure reaches the database, the vault and the cache, keeps the books, and can be retried."""

from __future__ import annotations

import sqlite3

import redis

from examples.architecture.data_protection.privacy import SubjectVault

SCHEMA = """
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY, user_id INTEGER, customer_name TEXT, address TEXT,
    total_cents INTEGER NOT NULL, placed_at TEXT NOT NULL
);
CREATE TABLE tickets (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, body TEXT NOT NULL);
"""


def remember_profile(cache: redis.Redis, user_id: int, greeting_name: str) -> None:
    """The product page caches who is signed in, for an hour."""
    cache.set(f"profile:{user_id}", greeting_name, ex=3600)


def remember_view(cache: redis.Redis, user_id: int, product: str) -> None:
    """'Recently viewed', kept for thirty days."""
    cache.lpush(f"recently_viewed:{user_id}", product)
    cache.expire(f"recently_viewed:{user_id}", 30 * 86400)


def record_history(vault: SubjectVault, user_id: int, entry: str) -> bytes:
    """Profile history goes to an append-only archive (and its backups) encrypted under the user's own key."""
    return vault.encrypt(str(user_id), entry)


def erase_subject(conn: sqlite3.Connection, vault: SubjectVault, cache: redis.Redis, user_id: int) -> None:
    with conn:
        conn.execute("DELETE FROM tickets WHERE user_id = ?", (user_id,))
        # Invoices must be kept for the tax authorities, but they need not say who bought: keep amount and date.
        conn.execute(
            "UPDATE orders SET user_id = NULL, customer_name = NULL, address = NULL WHERE user_id = ?", (user_id,)
        )
        conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
    # The archive and its backups cannot be edited: destroying the key makes every copy unreadable.
    vault.forget(str(user_id))
    # Every key this module writes for a user; deleting a key that is already gone is fine, so retries are safe.
    cache.delete(f"profile:{user_id}", f"recently_viewed:{user_id}")
