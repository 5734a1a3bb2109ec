"""Acceptance check: IBANs round-trip, need the KMS to read, are never deterministic ciphertext, cannot be moved
to another customer's row, never appear in the table in any spelling, and can be found whatever the spacing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from examples.security.at_rest.envelope import LocalKms
from exercises import load_module

SHARED = "DE89 3704 0044 0532 0130 00"  # two customers pay into the same account
OTHER = "GB33 BUKB 2020 1555 5555 55"


def setup(answer: Path) -> tuple[ModuleType, sqlite3.Connection, LocalKms]:
    module = load_module(answer)
    conn, kms = sqlite3.connect(":memory:"), LocalKms()
    module.create_table(conn)
    for customer_id, iban in ((1, SHARED), (2, SHARED), (3, OTHER)):
        module.store_iban(conn, kms, customer_id, iban)
    return module, conn, kms


def columns(conn: sqlite3.Connection) -> list[str]:
    return [row[1] for row in conn.execute("PRAGMA table_info(payouts)")]


def raw_row(conn: sqlite3.Connection, customer_id: int) -> dict[str, object]:
    names = columns(conn)
    row = conn.execute("SELECT * FROM payouts WHERE customer_id = ?", (customer_id,)).fetchone()
    return dict(zip(names, row, strict=True))


def compact(iban: str) -> str:
    return iban.replace(" ", "")


@pytest.mark.starter_passes
def test_every_iban_round_trips(answer: Path) -> None:
    module, conn, kms = setup(answer)
    assert [compact(module.read_iban(conn, kms, n)) for n in (1, 2, 3)] == [compact(SHARED)] * 2 + [compact(OTHER)]


def test_equal_ibans_do_not_give_equal_ciphertext(answer: Path) -> None:
    _, conn, _ = setup(answer)
    first, second = raw_row(conn, 1), raw_row(conn, 2)
    # Binary columns hold key material and ciphertext; a blind index column may be equal by design.
    same = [name for name, value in first.items() if isinstance(value, bytes) and value == second[name]]
    assert all("index" in name for name in same), (
        f"columns {same} are identical for two customers with the same IBAN: a fixed nonce or key makes equal "
        "plaintexts visible (and a reused GCM nonce is catastrophic)"
    )


def test_reading_needs_the_kms(answer: Path) -> None:
    module, conn, _ = setup(answer)
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; returning the IBAN will not
        module.read_iban(conn, LocalKms(), 1)  # a different KMS: none of its keys wrapped these rows
        pytest.fail("the IBAN decrypted without the KMS that holds its key: the key is in the code")


def test_a_ciphertext_moved_to_another_row_does_not_open(answer: Path) -> None:
    module, conn, kms = setup(answer)
    names = [name for name in columns(conn) if name != "customer_id"]
    stolen = raw_row(conn, 3)  # the attacker's own account
    conn.execute(
        f"UPDATE payouts SET {', '.join(f'{name} = ?' for name in names)} WHERE customer_id = 1",  # noqa: S608
        [stolen[name] for name in names],
    )
    try:
        value = module.read_iban(conn, kms, 1)
    except Exception:  # refusing to decrypt is the right outcome
        return
    assert compact(value) != compact(OTHER), "customer 1's row now pays into the attacker's account: bind each row"
    pytest.fail(f"customer 1's row returned {value!r} after it was overwritten with another row's data")


@pytest.mark.starter_passes
def test_no_iban_in_the_table_in_any_spelling(answer: Path) -> None:
    _, conn, _ = setup(answer)
    dump = "\n".join(conn.iterdump()).encode() + b"".join(
        value for row in conn.execute("SELECT * FROM payouts") for value in row if isinstance(value, bytes)
    )
    for iban in (SHARED, OTHER):
        for spelling in (iban, compact(iban), compact(iban).lower()):
            assert spelling.encode() not in dump


def test_lookup_finds_every_customer_whatever_the_spacing(answer: Path) -> None:
    module, conn, kms = setup(answer)
    for typed in (SHARED, compact(SHARED), compact(SHARED).lower(), "de89 3704 0044 0532 0130 00 "):
        assert module.customers_with_iban(conn, kms, typed) == [1, 2], f"lookup for {typed!r}"
    assert module.customers_with_iban(conn, kms, OTHER) == [3]
    assert module.customers_with_iban(conn, kms, "NL91 ABNA 0417 1643 00") == []
