"""A reference solution: RFC 8628 polling rules (interval, slow_down, expired_token), base-20 user codes matched
without regard to case or separators, and device codes that buy one token."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

VERIFICATION_URI = "https://example.com/device"
# RFC 8628 section 6.1: 20 consonants, no digits (no 0/O or 1/I mix-ups) and no vowels (no accidental words).
USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"
USER_CODE_LENGTH = 8  # 20**8 is about 2**34.6 possibilities; rate-limit attempts on the verification page too


class DeviceError(Exception):
    """A token or verification error; `error` is an RFC 8628 section 3.5 or RFC 6749 section 5.2 code."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


@dataclass
class DeviceAuthorization:
    device_code: str
    user_code: str
    verification_uri: str
    expires_in: int
    interval: int


@dataclass
class Pending:
    client_id: str
    user_code: str  # normalized: the letters only, upper case
    expires_at: float
    interval: int
    last_poll: float | None = None
    subject: str | None = None
    denied: bool = False


def normalize(user_code: str) -> str:
    """What people type: any case, with or without the dash, with spaces. Keep only alphabet letters."""
    return "".join(char for char in user_code.upper() if char in USER_CODE_ALPHABET)


@dataclass
class DeviceAuthorizationServer:
    clock: Callable[[], float] = time.monotonic
    lifetime: int = 600
    interval: int = 5
    pending: dict[str, Pending] = field(default_factory=dict)  # device_code -> state
    tokens: dict[str, str] = field(default_factory=dict)  # access token -> subject

    def _new_user_code(self) -> str:
        taken = {state.user_code for state in self.pending.values()}
        while True:
            code = "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(USER_CODE_LENGTH))
            if code not in taken:
                return code

    def start(self, client_id: str) -> DeviceAuthorization:
        device_code = secrets.token_urlsafe(32)  # never shown to a person: make it long (RFC 8628 section 5.2)
        user_code = self._new_user_code()
        self.pending[device_code] = Pending(client_id, user_code, self.clock() + self.lifetime, self.interval)
        shown = f"{user_code[:4]}-{user_code[4:]}"  # the dash only helps reading; it is not part of the code
        return DeviceAuthorization(device_code, shown, VERIFICATION_URI, self.lifetime, self.interval)

    def _by_user_code(self, user_code: str) -> Pending:
        wanted = normalize(user_code)
        for state in self.pending.values():
            if secrets.compare_digest(state.user_code, wanted):
                if state.expires_at <= self.clock():
                    raise DeviceError("expired_token")
                return state
        raise DeviceError("invalid_user_code")

    def approve(self, user_code: str, subject: str) -> None:
        self._by_user_code(user_code).subject = subject

    def deny(self, user_code: str) -> None:
        self._by_user_code(user_code).denied = True

    def poll(self, client_id: str, device_code: str) -> str:
        state = self.pending.get(device_code)
        if state is None or state.client_id != client_id:
            raise DeviceError("invalid_grant")
        now = self.clock()
        if state.expires_at <= now:
            raise DeviceError("expired_token")
        too_fast = state.last_poll is not None and now - state.last_poll < state.interval
        state.last_poll = now
        if too_fast:
            state.interval += 5  # RFC 8628 section 3.5: for this and all later requests
            raise DeviceError("slow_down")
        if state.denied:
            del self.pending[device_code]
            raise DeviceError("access_denied")
        if state.subject is None:
            raise DeviceError("authorization_pending")
        del self.pending[device_code]  # one approval, one token: the code is spent
        token = secrets.token_urlsafe(32)
        self.tokens[token] = state.subject
        return token
