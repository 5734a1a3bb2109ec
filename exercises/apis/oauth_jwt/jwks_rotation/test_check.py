"""Acceptance check: the verifier follows the authorization server's JWK Set as keys are added and withdrawn,
asks for it at most once per cooldown when tokens name unknown keys, survives an outage of the JWKS endpoint,
and still decides the algorithm itself.

Numbers the fix must meet: the cached JWK Set is refreshed once it is 300 seconds old, and an unknown `kid`
triggers a refetch at most once every 30 seconds.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from exercises import load_module

MAX_AGE = 300.0
COOLDOWN = 30.0


class Clock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class AuthorizationServer:
    """A fake AS: the keys it publishes at its jwks_uri, a counter of downloads, and an outage switch."""

    def __init__(self) -> None:
        self.published: dict[str, tuple[ec.EllipticCurvePrivateKey, str]] = {}
        self.fetches = 0
        self.down = False

    def publish(self, kid: str, curve: ec.EllipticCurve | None = None, alg: str = "ES256") -> None:
        self.published[kid] = (ec.generate_private_key(curve or ec.SECP256R1()), alg)

    def withdraw(self, kid: str) -> None:
        del self.published[kid]

    def jwks(self) -> dict[str, Any]:
        self.fetches += 1
        if self.down:
            raise ConnectionError("jwks_uri unreachable")
        keys = []
        for kid, (key, alg) in self.published.items():
            jwk = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
            keys.append(jwk | {"kid": kid, "use": "sig", "alg": alg})
        return {"keys": keys}

    def token(self, kid: str, *, signed_by: str | None = None, alg: str = "ES256") -> str:
        key, _ = self.published[signed_by or kid]
        now = int(time.time())  # PyJWT checks exp against the real clock
        claims = {"iss": "https://auth.example.com", "aud": "https://api.example.com", "sub": "alice"}
        claims |= {"iat": now, "exp": now + 300, "jti": secrets.token_hex(8)}
        return jwt.encode(claims, key, algorithm=alg, headers={"kid": kid, "typ": "at+jwt"})


@pytest.fixture
def auth() -> AuthorizationServer:
    server = AuthorizationServer()
    server.publish("2026-11")
    return server


def verifier(answer: Path, auth: AuthorizationServer, clock: Clock) -> Any:
    return load_module(answer).JwksVerifier(auth.jwks, clock=clock)


def rejects(module_verifier: Any, token: str) -> bool:
    answer_module = type(module_verifier).__module__
    try:
        module_verifier.verify(token)
    except Exception as raised:  # the type is checked below
        assert type(raised).__name__ == "InvalidToken" and type(raised).__module__ == answer_module, (
            f"a bad token must raise InvalidToken, not {type(raised).__name__}: {raised}"
        )
        return True
    return False


def test_a_key_published_after_startup_verifies_without_a_restart(answer: Path, auth: AuthorizationServer) -> None:
    clock = Clock()
    api = verifier(answer, auth, clock)
    auth.publish("2026-12")  # the pods started before the identity team published the next key
    clock.advance(COOLDOWN + 1)
    token = auth.token("2026-12")
    assert not rejects(api, token), "a token signed with a newly published key must verify without a restart"
    assert api.verify(token)["sub"] == "alice"


def test_every_later_rotation_is_picked_up_too(answer: Path, auth: AuthorizationServer) -> None:
    clock = Clock()
    api = verifier(answer, auth, clock)
    for kid in ("2026-12", "2027-01", "2027-02"):
        clock.advance(COOLDOWN + 1)
        auth.publish(kid)
        assert not rejects(api, auth.token(kid)), f"rotation to {kid} was not picked up"


def test_a_withdrawn_key_stops_working_at_the_next_refresh(answer: Path, auth: AuthorizationServer) -> None:
    clock = Clock()
    api = verifier(answer, auth, clock)
    leaked = auth.token("2026-11")
    auth.withdraw("2026-11")  # the key leaked: the AS withdraws it and signs with a new one
    auth.publish("2026-12")
    clock.advance(COOLDOWN + 1)
    assert not rejects(api, auth.token("2026-12")), "a token signed with the replacement key must verify"
    assert rejects(api, leaked), "after a refetch, a key missing from the JWK Set must not verify anything"


def test_a_withdrawn_key_stops_working_within_the_max_age(answer: Path, auth: AuthorizationServer) -> None:
    auth.publish("2026-12")
    clock = Clock()
    api = verifier(answer, auth, clock)
    leaked = auth.token("2026-11")
    assert not rejects(api, leaked)
    auth.withdraw("2026-11")  # no new kid shows up: only the age of the cached set can trigger a refresh
    clock.advance(MAX_AGE + 1)
    assert rejects(api, leaked), f"a JWK Set older than {MAX_AGE:.0f} s must be fetched again"
    assert not rejects(api, auth.token("2026-12"))


@pytest.mark.starter_passes
def test_made_up_kids_do_not_flood_the_authorization_server(answer: Path, auth: AuthorizationServer) -> None:
    clock = Clock()
    api = verifier(answer, auth, clock)
    auth.publish("decoy")
    clock.advance(COOLDOWN + 1)
    for _ in range(100):  # a scripted client sends tokens that name keys nobody published
        assert rejects(api, auth.token(secrets.token_hex(4), signed_by="decoy"))
        clock.advance(0.1)
    assert auth.fetches <= 2, f"{auth.fetches} JWKS downloads for 100 unknown kids in 10 s; one per {COOLDOWN:.0f} s"
    assert not rejects(api, auth.token("2026-11")), "the known key keeps working during the flood"


@pytest.mark.starter_passes
def test_the_cached_keys_keep_working_while_the_jwks_endpoint_is_down(answer: Path, auth: AuthorizationServer) -> None:
    clock = Clock()
    api = verifier(answer, auth, clock)
    auth.down = True
    clock.advance(MAX_AGE + 1)
    before = auth.fetches
    for _ in range(50):
        assert not rejects(api, auth.token("2026-11")), "an outage of jwks_uri must not reject tokens with known keys"
        clock.advance(0.2)
    assert auth.fetches - before <= 1, "while jwks_uri is down, retry at most once per cooldown, not on every request"


@pytest.mark.starter_passes
def test_the_algorithm_is_still_fixed_in_code(answer: Path, auth: AuthorizationServer) -> None:
    auth.publish("id-2026", ec.SECP384R1(), alg="ES384")  # the AS signs ID tokens with another key and algorithm
    clock = Clock()
    api = verifier(answer, auth, clock)
    assert rejects(api, auth.token("id-2026", alg="ES384")), "ES384 is not on this API's allow-list"
    header = jwt.utils.base64url_encode(b'{"alg":"none","kid":"2026-11","typ":"at+jwt"}').decode()
    payload = auth.token("2026-11").split(".")[1]
    assert rejects(api, f"{header}.{payload}."), "an unsigned token must be rejected"


@pytest.mark.starter_passes
def test_the_kid_selects_the_key(answer: Path, auth: AuthorizationServer) -> None:
    auth.publish("2026-12")
    clock = Clock()
    api = verifier(answer, auth, clock)
    assert rejects(api, auth.token("2026-11", signed_by="2026-12")), "a signature must match the key its kid names"
    named = auth.token("2026-11")
    unnamed = jwt.encode(jwt.decode(named, options={"verify_signature": False}), auth.published["2026-11"][0], "ES256")
    assert rejects(api, unnamed), "a token that names no key must be rejected"
