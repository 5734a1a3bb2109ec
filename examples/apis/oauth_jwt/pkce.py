"""Authorization code + PKCE (RFC 7636), the client side and a toy authorization server side.

The server here keeps only what the flow needs to be checked by tests: one registered client with an
exact redirect URI (a MUST in RFC 9700), single-use codes that expire quickly (RFC 6749 section 4.1.2),
and the S256 challenge (refusing `plain` is this server's own hardening choice; RFC 7636 allows it).
A real authorization server also authenticates the user, asks for consent and issues the tokens from
`tokens.py`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field


# --8<-- [start:client]
def new_code_verifier() -> str:
    # 32 random bytes -> 43 base64url characters, the minimum length RFC 7636 section 4.1 allows.
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()


def s256_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


# --8<-- [end:client]


class OAuthError(Exception):
    """An OAuth error response: `error` is one of the codes from RFC 6749 section 5.2."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error


@dataclass
class PendingCode:
    client_id: str
    redirect_uri: str
    challenge: str
    expires_at: float


@dataclass
class AuthorizationServer:
    clients: dict[str, str]  # client_id -> the one redirect URI registered for it
    clock: Callable[[], float] = time.monotonic
    codes: dict[str, PendingCode] = field(default_factory=dict)

    # --8<-- [start:server]
    def authorize(self, client_id: str, redirect_uri: str, code_challenge: str, method: str) -> str:
        # RFC 9700 section 2.1: simple string comparison, no prefixes, wildcards or normalizing.
        if self.clients.get(client_id) != redirect_uri:
            raise OAuthError("invalid_request", "unknown client or redirect URI")
        # Hardening beyond RFC 7636, which lets a server support "plain": every client here can hash.
        if method != "S256":
            raise OAuthError("invalid_request", "only code_challenge_method=S256 is accepted")
        code = secrets.token_urlsafe(32)
        self.codes[code] = PendingCode(client_id, redirect_uri, code_challenge, self.clock() + 60)
        return code

    def exchange(self, client_id: str, code: str, redirect_uri: str, code_verifier: str) -> str:
        # pop: a code works once, even if the exchange then fails (RFC 6749 section 4.1.2).
        pending = self.codes.pop(code, None)
        if pending is None or pending.expires_at < self.clock():
            raise OAuthError("invalid_grant", "unknown, used or expired code")
        if pending.client_id != client_id or pending.redirect_uri != redirect_uri:
            raise OAuthError("invalid_grant", "code was issued to another client or redirect URI")
        if not hmac.compare_digest(s256_challenge(code_verifier), pending.challenge):
            raise OAuthError("invalid_grant", "code_verifier does not match the challenge")
        return f"access-token-for-{client_id}"  # stands in for tokens.issue_access_token(...)

    # --8<-- [end:server]
