"""A reference solution: with max_age requested, auth_time is required and must be recent (by the RP's clock).

Sending `max_age` is only a request; the provider may honor it, ignore it, or omit `auth_time`. The RP is the
one that needs the guarantee, so it checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from examples.security.auth_schemes.oidc import LoginFailed, PendingLogin, RelyingParty

LEEWAY = 30  # the same clock-skew allowance the base class gives exp and iat


@dataclass
class AdminRelyingParty(RelyingParty):
    max_age: int = 300  # seconds since the user last actively authenticated at the provider

    def start_login(self) -> tuple[str, PendingLogin]:
        url, pending = super().start_login()
        return f"{url}&{urlencode({'max_age': self.max_age})}", pending

    def validate_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        claims = super().validate_id_token(id_token, nonce)
        auth_time = claims.get("auth_time")
        # OIDC Core 3.1.2.1: when max_age is requested, auth_time is REQUIRED in the ID token.
        if not isinstance(auth_time, int | float) or isinstance(auth_time, bool):
            raise LoginFailed("max_age was requested but the ID token has no auth_time")
        age = self.clock() - auth_time
        if age > self.max_age + LEEWAY:
            raise LoginFailed(f"the user authenticated {int(age)} s ago; at most {self.max_age} s is allowed")
        if age < -LEEWAY:
            raise LoginFailed("auth_time is in the future")
        return claims
