"""Exercise: the TV sign-in that melted the token endpoint.

Symptom: the new smart-TV app signs users in with the device authorization grant (RFC 8628). Since launch, the
token endpoint gets tens of thousands of polls a minute from one TV model, support hears that "the code on the
screen is wrong" from people who type it in lower case or leave out the dash, and a penetration test found that
a device code approved last week still hands out a fresh access token every time the TV asks.

Diagnose it with the check (`make exercise ID=apis/oauth_jwt/device_flow`), then make this authorization server
follow RFC 8628: enforce the polling interval with `slow_down`, let device codes expire, make user codes easy to
type and hard to guess, and let a device code buy one token only.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

VERIFICATION_URI = "https://example.com/device"


class DeviceError(Exception):
    """A token or verification error; `error` is an RFC 8628 section 3.5 or RFC 6749 section 5.2 code."""

    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


@dataclass
class DeviceAuthorization:
    """The device authorization response (RFC 8628 section 3.2)."""

    device_code: str
    user_code: str
    verification_uri: str
    expires_in: int
    interval: int


@dataclass
class Pending:
    client_id: str
    user_code: str
    expires_at: float
    subject: str | None = None  # set when the user approves
    denied: bool = False


@dataclass
class DeviceAuthorizationServer:
    clock: Callable[[], float] = time.monotonic
    lifetime: int = 600  # seconds a device code stays valid
    interval: int = 5  # seconds the device must wait between polls
    pending: dict[str, Pending] = field(default_factory=dict)  # device_code -> state
    tokens: dict[str, str] = field(default_factory=dict)  # access token -> subject

    def start(self, client_id: str) -> DeviceAuthorization:
        device_code = secrets.token_urlsafe(32)
        user_code = secrets.token_hex(3).upper()  # six characters, easy to read out
        self.pending[device_code] = Pending(client_id, user_code, self.clock() + self.lifetime)
        return DeviceAuthorization(device_code, user_code, VERIFICATION_URI, self.lifetime, self.interval)

    def _by_user_code(self, user_code: str) -> Pending:
        for state in self.pending.values():
            if state.user_code == user_code:
                return state
        raise DeviceError("invalid_user_code")

    def approve(self, user_code: str, subject: str) -> None:
        """The signed-in user typed `user_code` on the verification page and clicked Allow."""
        self._by_user_code(user_code).subject = subject

    def deny(self, user_code: str) -> None:
        self._by_user_code(user_code).denied = True

    def poll(self, client_id: str, device_code: str) -> str:
        """The device's token request; returns an access token or raises DeviceError."""
        state = self.pending.get(device_code)
        if state is None or state.client_id != client_id:
            raise DeviceError("invalid_grant")
        if state.denied:
            raise DeviceError("access_denied")
        if state.subject is None:
            raise DeviceError("authorization_pending")
        token = secrets.token_urlsafe(32)
        self.tokens[token] = state.subject
        return token
