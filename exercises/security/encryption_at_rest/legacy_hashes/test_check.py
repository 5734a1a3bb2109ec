"""Acceptance check: legacy users log in before and after the migration, no SHA-256 hash is left at rest after it,
and the first successful login leaves a plain Argon2id hash of the password; wrong passwords fail throughout.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from examples.security.at_rest.passwords import hash_password, verify_password
from exercises import load_module

USERS = {"ada": "correct horse battery staple", "bob": "a long passphrase of bob's", "cy": "cy's modern password"}
HEX64 = re.compile(r"[0-9a-f]{64}")


def setup(answer: Path) -> tuple[ModuleType, sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE users (name TEXT PRIMARY KEY, password_hash TEXT NOT NULL)")
    for name in ("ada", "bob"):  # the legacy rows
        legacy = "sha256:" + hashlib.sha256(USERS[name].encode()).hexdigest()
        conn.execute("INSERT INTO users VALUES (?, ?)", (name, legacy))
    conn.execute("INSERT INTO users VALUES ('cy', ?)", (hash_password(USERS["cy"]),))  # signed up last month
    conn.commit()
    return load_module(answer), conn


def stored(conn: sqlite3.Connection, name: str) -> str:
    return conn.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()[0]


@pytest.mark.starter_passes
def test_everyone_logs_in_before_the_migration(answer: Path) -> None:
    module, conn = setup(answer)
    for name, password in USERS.items():
        assert module.login(conn, name, password), name
        assert not module.login(conn, name, password + "!"), name


@pytest.mark.starter_passes
def test_no_sha256_hash_is_left_at_rest_after_the_migration(answer: Path) -> None:
    module, conn = setup(answer)
    module.migrate_all(conn)
    for name in USERS:
        value = stored(conn, name)
        assert not value.startswith("sha256:") and not HEX64.search(value), f"{name}: {value}"
    assert stored(conn, "cy").startswith("$argon2id$"), "users who already had Argon2id are left alone"


def test_migrated_users_can_still_log_in(answer: Path) -> None:
    module, conn = setup(answer)
    module.migrate_all(conn)
    for name in ("ada", "bob"):
        assert not module.login(conn, name, USERS[name] + "!"), f"{name}: a wrong password must fail"
        assert module.login(conn, name, USERS[name]), f"{name} is locked out after the migration"


def test_the_first_login_leaves_a_plain_argon2id_hash(answer: Path) -> None:
    module, conn = setup(answer)
    module.migrate_all(conn)
    assert module.login(conn, "ada", USERS["ada"]), "ada is locked out after the migration"
    value = stored(conn, "ada")
    assert value.startswith("$argon2id$"), f"after a login the hash is plain Argon2id, got {value[:24]}..."
    assert verify_password(value, USERS["ada"])[0], "a plain Argon2id hash of the password itself"
    assert module.login(conn, "ada", USERS["ada"]) and not module.login(conn, "ada", "wrong")


def test_a_legacy_login_before_the_migration_also_upgrades(answer: Path) -> None:
    module, conn = setup(answer)
    assert module.login(conn, "bob", USERS["bob"])
    assert stored(conn, "bob").startswith("$argon2id$"), "a successful legacy login is the moment to upgrade"
    module.migrate_all(conn)
    assert module.login(conn, "bob", USERS["bob"])
