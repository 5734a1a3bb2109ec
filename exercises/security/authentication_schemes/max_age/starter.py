"""Exercise: the admin console that trusts yesterday's sign-in.

Symptom: the admin console requires "a sign-in within the last five minutes" and sends `max_age=300` to the
OpenID provider. An audit shows an admin session created from an ID token whose `auth_time` was 26 hours old:
the provider had a long single sign-on session and issued a token without asking the user again, and the
console never looked at `auth_time`. Another provider, it turns out, leaves `auth_time` out entirely.

Diagnose it with the check (`make exercise ID=security/authentication_schemes/max_age`), then make the relying
party enforce `max_age` itself, as OpenID Connect Core 1.0 sections 3.1.2.1 and 3.1.3.7 describe, with the same
30-second leeway it allows for `exp`. The base class is the lesson's `RelyingParty`
(examples/security/auth_schemes/oidc.py); keep the name `AdminRelyingParty` and its `max_age` field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from examples.security.auth_schemes.oidc import PendingLogin, RelyingParty


@dataclass
class AdminRelyingParty(RelyingParty):
    max_age: int = 300  # seconds since the user last actively authenticated at the provider

    def start_login(self) -> tuple[str, PendingLogin]:
        url, pending = super().start_login()
        return f"{url}&{urlencode({'max_age': self.max_age})}", pending

    def validate_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        return super().validate_id_token(id_token, nonce)
