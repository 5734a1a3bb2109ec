"""A reference solution: wrapped hashes carry their own marker, login verifies each format for what it is, and a
successful login replaces a legacy or wrapped hash with a plain Argon2id hash of the password just typed.
"""

from __future__ import annotations

import hashlib
import hmac
import sqlite3

from examples.security.at_rest.passwords import hash_password, verify_password

LEGACY = "sha256:"
WRAPPED = "argon2id-sha256:"  # Argon2id over the old SHA-256 hex: it must not look like a plain Argon2id hash


def sha256_hex(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def migrate_all(conn: sqlite3.Connection) -> None:
    legacy = conn.execute("SELECT name, password_hash FROM users WHERE password_hash LIKE 'sha256:%'").fetchall()
    for name, stored in legacy:
        wrapped = WRAPPED + hash_password(stored.removeprefix(LEGACY))
        conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (wrapped, name))
    conn.commit()


def check(stored: str, password: str) -> tuple[bool, bool]:
    """(matches, should be replaced by a plain Argon2id hash of this password)."""
    if stored.startswith(LEGACY):
        # Constant-time comparison, and an upgrade on success, for users the migration has not reached yet.
        return hmac.compare_digest(stored, LEGACY + sha256_hex(password)), True
    if stored.startswith(WRAPPED):
        ok, _ = verify_password(stored.removeprefix(WRAPPED), sha256_hex(password))
        return ok, True
    ok, new_hash = verify_password(stored, password)
    return ok, new_hash is not None


def login(conn: sqlite3.Connection, name: str, password: str) -> bool:
    row = conn.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
    if row is None:
        return False
    ok, upgrade = check(row[0], password)
    if ok and upgrade:
        conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (hash_password(password), name))
        conn.commit()
    return ok
