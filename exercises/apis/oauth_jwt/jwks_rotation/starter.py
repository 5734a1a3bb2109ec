"""Exercise: every API call failed for ten minutes after the identity team rotated its signing key.

Symptom: the authorization server published a new signing key (kid "2026-12") in its JWK Set a day ahead, as
planned, and started signing with it at 09:00. From 09:00 every API instance answered 401 to every freshly issued
token; the on-call engineer restarted the pods at 09:10 and the errors stopped. A month later the identity team
withdrew a leaked key from the JWK Set, and tokens signed with it kept working until the next deploy.

Diagnose it with the check (`make exercise ID=apis/oauth_jwt/jwks_rotation`). The verifier reads the JWK Set
once, at startup, and never again. Make it pick up new keys and drop withdrawn ones without a restart, the way
`jwt.PyJWKClient` does, without turning every request that carries a made-up `kid` into a request to the
authorization server, and without letting a token choose its own algorithm.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import jwt

ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"
ALGORITHMS = ["ES256"]  # fixed in code: the token's own "alg" header never decides


class InvalidToken(Exception):
    pass


class JwksVerifier:
    """Verifies access tokens with the keys the authorization server publishes at its jwks_uri.

    `fetch_jwks` downloads the JWK Set (a dict with a "keys" list); `clock` tells the time in seconds (tests pass
    a fake one).
    """

    def __init__(self, fetch_jwks: Callable[[], dict[str, Any]], clock: Callable[[], float] = time.monotonic) -> None:
        self._fetch = fetch_jwks
        self._clock = clock
        self._keys = self._parse(fetch_jwks())  # read once, when the process starts

    @staticmethod
    def _parse(jwks: dict[str, Any]) -> dict[str, jwt.PyJWK]:
        return {jwk["kid"]: jwt.PyJWK(jwk) for jwk in jwks.get("keys", []) if "kid" in jwk}

    def verify(self, token: str) -> dict[str, Any]:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self._keys.get(kid) if isinstance(kid, str) else None
            if key is None:
                raise InvalidToken(f"no published key with kid {kid!r}")
            return jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=AUDIENCE,
                issuer=ISSUER,
                leeway=30,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.PyJWTError as error:
            raise InvalidToken(str(error)) from error
