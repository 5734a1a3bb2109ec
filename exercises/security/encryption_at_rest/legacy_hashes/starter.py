"""Exercise: the hash migration that locked everyone out.

Symptom: the users table held 80,000 unsalted SHA-256 password hashes (`sha256:<hex>`). Waiting for every user
to log in again would leave the old hashes at rest for years, so the plan was: wrap them all now, as Argon2id of
the SHA-256 value, and replace each with a plain Argon2id hash at the user's next login. The migration ran; no
SHA-256 hash is left in the table; and no migrated user can log in.

Diagnose it with the check (`make exercise ID=security/encryption_at_rest/legacy_hashes`), then make `login`
understand all three formats (legacy, wrapped, plain Argon2id), make `migrate_all` leave the table in a state
`login` can read, and upgrade wrapped hashes to plain Argon2id on a successful login. Keep the signatures;
`users` has the columns `name` and `password_hash`.
"""

from __future__ import annotations

import hashlib
import sqlite3

from examples.security.at_rest.passwords import hash_password, verify_password


def sha256_hex(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def migrate_all(conn: sqlite3.Connection) -> None:
    """Wrap every legacy SHA-256 hash in Argon2id, so none remains at rest."""
    legacy = conn.execute("SELECT name, password_hash FROM users WHERE password_hash LIKE 'sha256:%'").fetchall()
    for name, stored in legacy:
        wrapped = hash_password(stored.removeprefix("sha256:"))
        conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (wrapped, name))
    conn.commit()


def login(conn: sqlite3.Connection, name: str, password: str) -> bool:
    row = conn.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
    if row is None:
        return False
    stored: str = row[0]
    if stored.startswith("sha256:"):
        return stored == "sha256:" + sha256_hex(password)
    ok, new_hash = verify_password(stored, password)
    if ok and new_hash:
        conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (new_hash, name))
        conn.commit()
    return ok
