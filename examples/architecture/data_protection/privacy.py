"""Everyday privacy engineering: pseudonymous ids, redacted logs, retention and crypto-shredding."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import os
import re
import sqlite3

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


# --8<-- [start:pseudonymise]
def pseudonymise(value: str, key: bytes) -> str:
    """A keyed hash: stable, so analytics can still join on it, but not reversible without the key.

    A plain SHA-256 of an email is not enough: anyone can hash a list of known emails and compare.
    """
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]


# --8<-- [end:pseudonymise]


# --8<-- [start:redact]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")


def redact(text: str) -> str:
    return CARD.sub("[card]", EMAIL.sub("[email]", text))


class RedactingFilter(logging.Filter):
    """Mask emails and card-like numbers in a record's message and traceback before it is written.

    Attach it to handlers, not to a logger: a logger's own filters see only the records logged on that
    very logger, never those that propagate up from its children ("app.payments" -> "app").
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            # Exception messages carry data too (a unique-key error quotes the duplicate email).
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


# --8<-- [end:redact]
# --8<-- [end:redact]


# --8<-- [start:retention]
def purge_expired(conn: sqlite3.Connection, now: dt.datetime, keep_days: int = 90) -> int:
    """Delete support tickets older than the documented retention period; run it on a schedule."""
    cutoff = (now - dt.timedelta(days=keep_days)).isoformat()
    with conn:
        cursor = conn.execute("DELETE FROM tickets WHERE created_at < ?", (cutoff,))
    return cursor.rowcount


# --8<-- [end:retention]


# --8<-- [start:shred]
class SubjectVault:
    """Encrypt each person's data with their own key; deleting the key erases every copy, backups included."""

    def __init__(self) -> None:
        self._keys: dict[str, bytes] = {}  # in production: a KMS or a separate, well-guarded table

    def encrypt(self, subject_id: str, plaintext: str) -> bytes:
        key = self._keys.setdefault(subject_id, AESGCM.generate_key(bit_length=256))
        nonce = os.urandom(12)
        return nonce + AESGCM(key).encrypt(nonce, plaintext.encode(), subject_id.encode())

    def decrypt(self, subject_id: str, blob: bytes) -> str:
        key = self._keys.get(subject_id)
        if key is None:
            raise LookupError(f"no key for {subject_id}: the data has been erased")
        return AESGCM(key).decrypt(blob[:12], blob[12:], subject_id.encode()).decode()

    def forget(self, subject_id: str) -> None:
        self._keys.pop(subject_id, None)


# --8<-- [end:shred]
