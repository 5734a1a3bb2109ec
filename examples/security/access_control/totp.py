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
    """Accepts the current step and the one before it (a code typed just before the step ended), each only once.

    RFC 6238, section 5.2, recommends allowing at most one step of delay; a code from a future step is refused.
    """

    def __init__(self, secret: bytes, step: int = 30) -> None:
        self.secret = secret
        self.step = step
        self.last_used_step = -1  # in production: a column on the user's row, updated atomically

    def verify(self, code: str, unix_time: float) -> bool:
        now = int(unix_time // self.step)  # the server's clock, never a time the client sends
        for candidate in (now, now - 1):
            if candidate > self.last_used_step and hmac.compare_digest(hotp(self.secret, candidate), code):
                self.last_used_step = candidate  # this step and every earlier one are spent
                return True
        return False


# --8<-- [end:totp]
