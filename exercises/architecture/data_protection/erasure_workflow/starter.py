"""Exercise: the erasure that deleted the invoices and kept the rest.

Symptom: after Ada asked to be forgotten (GDPR Article 17), finance found her two orders missing from last year's
books, which tax law says we must keep for years; and a week later support could still read her tickets, the
product page still greeted her by name from the cache, and her encrypted profile history could still be decrypted.

Diagnose it with the check (`make exercise ID=architecture/data_protection/erasure_workflow`): list every place
this module writes Ada's data, and compare it with what `erase_subject` touches. Then make the erasure reach all of
them: delete her tickets and account; keep her orders for the books but anonymize them (amount and date stay;
user id, name and address become NULL); shred her key in the vault; delete her cache keys. Running it twice
must be harmless, because a failed erasure is retried.
"""

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
        conn.execute("DELETE FROM orders WHERE user_id = ?", (user_id,))
        conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
