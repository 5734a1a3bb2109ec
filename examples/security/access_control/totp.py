"""Time-based one-time passwords (RFC 6238) for a second factor, with a replay guard."""

from __future__ import annotations

import hashlib
import hmac
import struct


# --8<-- [start:totp]
def hotp(secret: bytes, counter: int, digits: int = 6) -> str:
    """RFC 4226: HMAC-SHA-1 over the counter, dynamic truncation, modulo 10^digits."""
    mac = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    code = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


def totp(secret: bytes, unix_time: float, step: int = 30, digits: int = 6) -> str:
    """RFC 6238: HOTP where the counter is the number of 30-second steps since the Unix epoch."""
    return hotp(secret, int(unix_time // step), digits)


class TotpVerifier:
    """Accepts the current step and one step either side (clock drift), and each step only once."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret
        self.last_used_step = -1

    def verify(self, code: str, unix_time: float) -> bool:
        now = int(unix_time // 30)
        for step in (now - 1, now, now + 1):
            if step > self.last_used_step and hmac.compare_digest(hotp(self.secret, step), code):
                self.last_used_step = step  # a code seen once cannot be replayed
                return True
        return False


# --8<-- [end:totp]
