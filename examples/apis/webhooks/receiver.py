"""Receiving webhooks safely, following the Standard Webhooks signature scheme.

The sender signs `<webhook-id>.<webhook-timestamp>.<raw body>` with HMAC-SHA256 and a shared secret
(`whsec_` + base64) and sends `webhook-signature: v1,<base64 signature>`. The receiver checks the
signature on the raw bytes, rejects old timestamps (replays), and ignores ids it has processed before,
because delivery is at least once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

TOLERANCE_SECONDS = 5 * 60


class WebhookRejected(Exception):
    pass


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix("whsec_"))


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """What the sender does; the tests use it to build deliveries."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(_key(secret), signed, hashlib.sha256).digest()).decode()


# --8<-- [start:verify]
@dataclass
class WebhookReceiver:
    secret: str
    clock: Callable[[], float] = time.time
    seen_ids: set[str] = field(default_factory=set)  # production: a table with a unique index and a TTL

    def receive(self, headers: Mapping[str, str], raw_body: bytes) -> dict[str, Any] | None:
        """Return the event, or None for a duplicate delivery; raise WebhookRejected otherwise."""
        try:
            msg_id, stamp, signatures = (headers[h] for h in ("webhook-id", "webhook-timestamp", "webhook-signature"))
            timestamp = int(stamp)
        except (KeyError, ValueError):
            raise WebhookRejected("missing or malformed webhook headers") from None
        if abs(self.clock() - timestamp) > TOLERANCE_SECONDS:
            raise WebhookRejected("timestamp outside the tolerance window (replay?)")
        expected = sign(self.secret, msg_id, timestamp, raw_body)
        # The header may carry several signatures (during secret rotation); one valid match is enough.
        if not any(hmac.compare_digest(expected, candidate) for candidate in signatures.split()):
            raise WebhookRejected("bad signature")
        if msg_id in self.seen_ids:
            return None  # already processed: acknowledge with 2xx and do nothing
        self.seen_ids.add(msg_id)
        return json.loads(raw_body)  # parse only after the bytes are verified


# --8<-- [end:verify]
