"""Rotating a shared signing secret without downtime: verify with current and previous, sign with current."""

from __future__ import annotations

import hashlib
import hmac


# --8<-- [start:rotation]
class WebhookSigner:
    def __init__(self, current: bytes, previous: bytes | None = None) -> None:
        self.current, self.previous = current, previous

    def sign(self, body: bytes) -> str:
        return hmac.new(self.current, body, hashlib.sha256).hexdigest()

    def verify(self, body: bytes, signature: str) -> bool:
        candidates = [self.current] + ([self.previous] if self.previous else [])
        return any(
            hmac.compare_digest(hmac.new(key, body, hashlib.sha256).hexdigest(), signature) for key in candidates
        )

    def rotate(self, new_secret: bytes) -> None:
        """Step 1: start signing with the new secret, still accept the old one while senders catch up."""
        self.current, self.previous = new_secret, self.current

    def finish_rotation(self) -> None:
        """Step 2: once every sender uses the new secret, stop accepting the old one."""
        self.previous = None


# --8<-- [end:rotation]
