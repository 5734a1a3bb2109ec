"""Acceptance check: rotation re-wraps data keys and leaves every ciphertext byte for byte as it was, moves every
good row past a broken one, reports the broken one, and retires the old KEK only when no row uses it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from examples.security.at_rest.envelope import Envelope, LocalKms, decrypt, encrypt
from exercises import load_module

IBANS = {n: f"DE89370400440532{n:06}".encode() for n in range(1, 9)}
BROKEN = 4  # its wrapped key was damaged long ago


def record_id(customer_id: int) -> str:
    return f"payouts:customer:{customer_id}"


def setup(*, broken: bool) -> tuple[sqlite3.Connection, LocalKms, dict[int, bytes]]:
    conn, kms = sqlite3.connect(":memory:"), LocalKms()
    conn.execute(
        "CREATE TABLE payouts (customer_id INTEGER PRIMARY KEY, kek_id TEXT, wrapped_key BLOB, nonce BLOB,"
        " ciphertext BLOB)"
    )
    for customer_id, iban in IBANS.items():
        sealed = encrypt(kms, iban, record_id(customer_id))
        wrapped = sealed.wrapped_key
        if broken and customer_id == BROKEN:
            wrapped = wrapped[:-1] + bytes([wrapped[-1] ^ 1])
        conn.execute(
            "INSERT INTO payouts VALUES (?, ?, ?, ?, ?)",
            (customer_id, sealed.kek_id, wrapped, sealed.nonce, sealed.ciphertext),
        )
    conn.commit()
    ciphertexts = dict(conn.execute("SELECT customer_id, ciphertext FROM payouts").fetchall())
    return conn, kms, ciphertexts


def rows(conn: sqlite3.Connection) -> dict[int, tuple[str, bytes, bytes, bytes]]:
    found = conn.execute("SELECT customer_id, kek_id, wrapped_key, nonce, ciphertext FROM payouts").fetchall()
    return {customer_id: tuple(fields) for customer_id, *fields in found}  # type: ignore[misc]


def test_rotation_rewraps_keys_and_leaves_ciphertext_alone(answer: Path) -> None:
    conn, kms, before = setup(broken=False)
    assert load_module(answer).rotate_all(conn, kms) == []
    after = rows(conn)
    changed = [n for n, fields in after.items() if fields[3] != before[n]]
    assert changed == [], f"rows {changed} were re-encrypted: rotation re-wraps the data key, the ciphertext stays"
    assert {fields[0] for fields in after.values()} == {kms.current_id}
    for customer_id, fields in after.items():
        assert decrypt(kms, Envelope(*fields), record_id(customer_id)) == IBANS[customer_id]


@pytest.mark.starter_passes
def test_the_old_kek_is_retired_when_nothing_uses_it(answer: Path) -> None:
    conn, kms, _ = setup(broken=False)
    canary = encrypt(kms, b"canary", "canary")  # something else under the old KEK, outside the table
    load_module(answer).rotate_all(conn, kms)
    with pytest.raises(KeyError):
        decrypt(kms, canary, "canary")  # the old KEK is destroyed, and with it every copy wrapped by it


def test_a_broken_row_is_reported_and_the_rest_move_on(answer: Path) -> None:
    conn, kms, before = setup(broken=True)
    old = kms.current_id
    failed = load_module(answer).rotate_all(conn, kms)
    assert failed == [BROKEN], f"report the row that could not be re-wrapped, got {failed}"
    after = rows(conn)
    moved = sorted(n for n, fields in after.items() if fields[0] == kms.current_id)
    assert moved == [n for n in IBANS if n != BROKEN], "every good row moves, including those after the broken one"
    assert after[BROKEN][0] == old, "the broken row keeps its old KEK id"
    assert all(fields[3] == before[n] for n, fields in after.items())


@pytest.mark.starter_passes
def test_the_old_kek_survives_while_a_row_still_uses_it(answer: Path) -> None:
    conn, kms, _ = setup(broken=True)
    canary = encrypt(kms, b"canary", "canary")
    with contextlib.suppress(Exception):  # stopping at the broken row fails another test; this one is about the key
        load_module(answer).rotate_all(conn, kms)
    try:
        decrypt(kms, canary, "canary")
    except KeyError:
        pytest.fail("the old KEK was retired while row 4 still names it: that row can never be repaired now")
