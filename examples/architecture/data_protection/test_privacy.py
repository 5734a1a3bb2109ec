"""Pseudonyms are keyed, logs are masked, old rows go, and shredding a key makes ciphertext useless."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import sqlite3

import pytest

from examples.architecture.data_protection.privacy import (
    RedactingFilter,
    SubjectVault,
    pseudonymise,
    purge_expired,
)


def test_pseudonyms_are_stable_normalised_and_keyed():
    key = b"k" * 32
    assert pseudonymise("Ada@Example.com ", key) == pseudonymise("ada@example.com", key)
    assert pseudonymise("ada@example.com", key) != pseudonymise("ada@example.com", b"x" * 32)
    # an attacker with a list of emails cannot match them with a plain hash
    assert pseudonymise("ada@example.com", key) != hashlib.sha256(b"ada@example.com").hexdigest()[:32]


def capture(logger_name: str) -> tuple[logging.Logger, io.StringIO, logging.Handler]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger, stream, handler


def test_logs_are_redacted_for_child_loggers_and_tracebacks():
    logger, stream, handler = capture("privacy-test")
    try:
        child = logging.getLogger("privacy-test.payments")
        child.info("payment failed for %s with card %s", "ada@example.com", "4111 1111 1111 1111")
        try:
            raise ValueError("duplicate key: ada@example.com")
        except ValueError:
            child.exception("signup failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "payment failed for [email] with card [card]" in output
    assert "ValueError: duplicate key: [email]" in output
    assert "ada@example.com" not in output and "4111" not in output


def test_a_filter_on_a_logger_misses_records_from_its_children():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    parent = logging.getLogger("privacy-misplaced")
    parent.addHandler(handler)
    parent.addFilter(RedactingFilter())
    try:
        logging.getLogger("privacy-misplaced.payments").warning("refund to %s", "ada@example.com")
    finally:
        parent.removeHandler(handler)
    assert "ada@example.com" in stream.getvalue()  # the reason the filter belongs on the handler


def test_retention_purges_only_old_rows():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, body TEXT, created_at TEXT)")
    now = dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    for days in (10, 89, 91, 400):
        conn.execute(
            "INSERT INTO tickets (body, created_at) VALUES (?, ?)", ("x", (now - dt.timedelta(days=days)).isoformat())
        )
    assert purge_expired(conn, now) == 2
    assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 2


def test_crypto_shredding_makes_every_copy_unreadable():
    vault = SubjectVault()
    blob = vault.encrypt("user-7", "Ada Lovelace, 12 Example Road")
    backup_copy = bytes(blob)
    assert vault.decrypt("user-7", blob) == "Ada Lovelace, 12 Example Road"
    vault.forget("user-7")
    with pytest.raises(LookupError, match="erased"):
        vault.decrypt("user-7", backup_copy)


def test_ciphertext_is_bound_to_its_subject():
    vault = SubjectVault()
    blob = vault.encrypt("user-7", "secret")
    vault.encrypt("user-8", "other")
    with pytest.raises(Exception):  # noqa: B017 (any authentication failure will do)
        vault.decrypt("user-8", blob)
