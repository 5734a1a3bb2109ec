"""Acceptance check: only tokens this server signed reach the deny-list, a revocation request with anything else
still gets 200 (RFC 7009 section 2.2), revoked tokens get 401 with error="invalid_token" (RFC 6750 section 3.1)
while other tokens keep working, and each entry stays until its token's exp plus the leeway has passed, then goes.
Entries whose token is dead must be gone at the latest when the next token is revoked."""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi.testclient import TestClient

from exercises import load_module

ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"
LEEWAY = 30


class Clock:
    """Starts at the real time (PyJWT checks exp against it) and can be moved forward."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def token(key: ec.EllipticCurvePrivateKey, *, lifetime: int = 300, issued: float | None = None, **extra: Any) -> str:
    now = int(issued if issued is not None else time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "alice", "iat": now, "exp": now + lifetime}
    claims |= {"jti": secrets.token_hex(8)} | extra
    return jwt.encode(claims, key, algorithm="ES256", headers={"typ": "at+jwt"})


def jti_of(value: str) -> str:
    return jwt.decode(value, options={"verify_signature": False})["jti"]


def exp_of(value: str) -> int:
    return jwt.decode(value, options={"verify_signature": False})["exp"]


def setup(answer: Path, key: ec.EllipticCurvePrivateKey) -> tuple[TestClient, Any, Clock]:
    clock = Clock()
    app = load_module(answer).create_app(key, clock=clock)
    return TestClient(app, raise_server_exceptions=False), app.state.denylist, clock


def me(api: TestClient, value: str) -> Any:
    return api.get("/me", headers={"Authorization": f"Bearer {value}"})


@pytest.mark.starter_passes
def test_a_revoked_token_is_refused_and_others_still_work(answer: Path, key: ec.EllipticCurvePrivateKey) -> None:
    api, _, _ = setup(answer, key)
    laptop, phone = token(key), token(key)
    assert api.post("/oauth/revoke", data={"token": laptop}).status_code == 200
    refused = me(api, laptop)
    assert refused.status_code == 401
    assert 'error="invalid_token"' in refused.headers.get("www-authenticate", "")
    assert me(api, phone).status_code == 200, "revoking one token must not affect the user's other tokens"


def test_a_forged_token_cannot_revoke_someone_elses(answer: Path, key: ec.EllipticCurvePrivateKey) -> None:
    api, denylist, _ = setup(answer, key)
    victim = token(key)
    forged = token(ec.generate_private_key(ec.SECP256R1()), jti=jti_of(victim))  # jti values are not secret
    response = api.post("/oauth/revoke", data={"token": forged})
    assert response.status_code == 200, "RFC 7009: answer 200 even when the token is not valid"
    assert me(api, victim).status_code == 200, "a token signed by someone else must not revoke a real token"
    assert len(denylist) == 0


def test_junk_neither_grows_the_list_nor_breaks_the_endpoint(answer: Path, key: ec.EllipticCurvePrivateKey) -> None:
    api, denylist, _ = setup(answer, key)
    stranger = ec.generate_private_key(ec.SECP256R1())
    junk = {
        "not a JWT": "not-a-jwt",
        "signed by another key, exp in the year 33658": token(stranger, lifetime=10**12),
        "already expired": token(key, issued=time.time() - 3600),
        "no jti": jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "iat": 1, "exp": 2**40}, key, "ES256"),
    }
    for what, value in junk.items():
        response = api.post("/oauth/revoke", data={"token": value})
        assert response.status_code == 200, f"{what}: got {response.status_code}; RFC 7009 wants 200"
        assert len(denylist) == 0, f"{what}: nothing this server would accept, so nothing to remember"


def test_entries_go_once_their_token_is_dead(answer: Path, key: ec.EllipticCurvePrivateKey) -> None:
    api, denylist, clock = setup(answer, key)
    first = token(key)
    api.post("/oauth/revoke", data={"token": first})
    clock.now = exp_of(first) + LEEWAY + 1  # no server would accept the first token any more
    second = token(key)
    api.post("/oauth/revoke", data={"token": second})
    assert jti_of(first) not in denylist, "an entry whose token expired (plus leeway) must be purged"
    assert jti_of(second) in denylist
    assert len(denylist) == 1


@pytest.mark.starter_passes
def test_entries_stay_while_the_leeway_still_accepts_the_token(answer: Path, key: ec.EllipticCurvePrivateKey) -> None:
    api, denylist, clock = setup(answer, key)
    first = token(key)
    api.post("/oauth/revoke", data={"token": first})
    clock.now = exp_of(first) + LEEWAY - 1  # the API would still accept it, thanks to the leeway
    api.post("/oauth/revoke", data={"token": token(key)})
    assert jti_of(first) in denylist, "purged too early: the token is still inside the leeway"
    assert me(api, first).status_code == 401
