"""API keys that can be found in a leak, stored only as hashes, scoped, expired, rotated and revoked.

A key looks like `bsk_live_1a2b3c4d5e6f7a8b_<secret>`: a recognisable prefix (so secret scanners can spot
leaked keys), a public key id (so the server finds the record without scanning), and a 256-bit secret
that is stored only as a SHA-256 digest. A fast hash is fine here, unlike for passwords, because the
secret is random and long: there is nothing to guess.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

PREFIX = "bsk_live"


class KeyRejected(Exception):
    pass


@dataclass
class KeyRecord:
    owner: str
    scopes: frozenset[str]
    digest: str  # sha256(secret); the secret itself is shown once, at creation, and never stored
    expires_at: float | None = None
    revoked: bool = False
    last_used: float | None = None


# --8<-- [start:store]
@dataclass
class ApiKeyStore:
    clock: Callable[[], float] = time.time
    records: dict[str, KeyRecord] = field(default_factory=dict)  # key id -> record

    def create(self, owner: str, scopes: set[str], lifetime: float | None = None) -> str:
        key_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
        while key_id in self.records:  # 64 random bits rarely collide, but a collision would replace a live key
            key_id = secrets.token_hex(8)
        expires = self.clock() + lifetime if lifetime else None
        self.records[key_id] = KeyRecord(owner, frozenset(scopes), _digest(secret), expires)
        return f"{PREFIX}_{key_id}_{secret}"  # give this to the client once; only the digest stays

    def authenticate(self, presented: str, needed_scope: str) -> str:
        """Return the owner, or raise KeyRejected without saying which check failed."""
        if not presented.startswith(PREFIX + "_"):
            raise KeyRejected("invalid API key")
        key_id, _, secret = presented.removeprefix(PREFIX + "_").partition("_")  # the secret may contain "_"
        record = self.records.get(key_id)
        if record is None:
            raise KeyRejected("invalid API key")
        if not hmac.compare_digest(record.digest, _digest(secret)):
            raise KeyRejected("invalid API key")
        if record.revoked or (record.expires_at is not None and record.expires_at <= self.clock()):
            raise KeyRejected("invalid API key")
        if needed_scope not in record.scopes:
            raise KeyRejected(f"key lacks scope {needed_scope}")  # 403, not 401: the key itself is fine
        record.last_used = self.clock()  # shows owners which keys are dead weight
        return record.owner

    def rotate(self, old_key_id: str, overlap: float) -> str:
        """A new key with the same owner and scopes; the old one keeps working for `overlap` seconds."""
        old = self.records[old_key_id]
        new_key = self.create(old.owner, set(old.scopes))
        old.expires_at = min(old.expires_at or float("inf"), self.clock() + overlap)
        return new_key

    def revoke(self, key_id: str) -> None:
        self.records[key_id].revoked = True  # a leaked key dies now, not at its expiry


# --8<-- [end:store]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def key_id_of(key: str) -> str:
    return key.removeprefix(PREFIX + "_").split("_", 1)[0]
