"""A reference solution: the JWK Set is cached, refreshed when it is old or when a token names a key it does not
hold, and never fetched more than once per cooldown, so neither an outage nor made-up key ids turn into a flood."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import jwt

ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"
ALGORITHMS = ["ES256"]  # fixed in code: the token's own "alg" header never decides

MAX_AGE = 300.0  # refresh the cached set at least this often, so a withdrawn key dies within five minutes
REFETCH_COOLDOWN = 30.0  # at most one download per 30 s, whatever the tokens claim


class InvalidToken(Exception):
    pass


class JwksVerifier:
    def __init__(self, fetch_jwks: Callable[[], dict[str, Any]], clock: Callable[[], float] = time.monotonic) -> None:
        self._fetch = fetch_jwks
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = float("-inf")  # last successful download
        self._tried_at = float("-inf")  # last attempt, successful or not: the cooldown counts from here
        self._lock = threading.Lock()  # one download at a time when many requests miss together
        self._refresh()

    @staticmethod
    def _parse(jwks: dict[str, Any]) -> dict[str, jwt.PyJWK]:
        keys = {}
        for jwk in jwks.get("keys", []):
            if not isinstance(jwk.get("kid"), str) or jwk.get("use", "sig") != "sig":
                continue  # a key without an id cannot be selected; an encryption key never verifies
            try:
                keys[jwk["kid"]] = jwt.PyJWK(jwk)
            except jwt.PyJWTError:
                continue  # one malformed or unsupported entry must not hide the others
        return keys

    def _refresh(self) -> None:
        self._tried_at = self._clock()
        try:
            jwks = self._fetch()
        except Exception:  # any failure to download: keep serving with the keys we have
            return
        # Replace, do not merge: a key the AS no longer publishes has been withdrawn.
        self._keys = self._parse(jwks)
        self._fetched_at = self._tried_at

    def _key_for(self, kid: str) -> jwt.PyJWK | None:
        with self._lock:
            now = self._clock()
            due = kid not in self._keys or now - self._fetched_at >= MAX_AGE
            if due and now - self._tried_at >= REFETCH_COOLDOWN:
                self._refresh()
            return self._keys.get(kid)

    def verify(self, token: str) -> dict[str, Any]:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self._key_for(kid) if isinstance(kid, str) else None
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
