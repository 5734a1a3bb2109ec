"""Acceptance check: the admin relying party asks for max_age=300 and refuses ID tokens whose auth_time is
missing, older than 300 seconds plus the 30-second leeway, or in the future; fresh sign-ins pass.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from fastapi.testclient import TestClient

from examples.security.auth_schemes import oidc
from exercises import load_module

CLIENT, CALLBACK = "admin-console", "https://admin.example.com/callback"


class Setup:
    def __init__(self, answer: Path) -> None:
        # PyJWT checks exp and iat against the wall clock, so each test runs at the real time, frozen for the
        # test (taken when the test starts, not when the module was imported: a long suite would outlive it).
        self.now = now = float(int(time.time()))
        self.key = oidc.SigningKey("2026-12")
        self.provider = TestClient(
            oidc.create_provider({CLIENT: CALLBACK}, [self.key], clock=lambda: now), base_url=oidc.ISSUER
        )
        module = load_module(answer)
        self.rp = module.AdminRelyingParty(self.provider, CLIENT, CALLBACK, clock=lambda: now)

    def token(self, **changes: Any) -> str:
        """An ID token as the provider would sign it; `auth_time=None` leaves the claim out."""
        claims = {"iss": oidc.ISSUER, "sub": "root", "aud": CLIENT, "iat": int(self.now), "exp": int(self.now) + 300}
        claims |= {"nonce": "n", "auth_time": int(self.now) - 10} | changes
        claims = {name: value for name, value in claims.items() if value is not None}
        return jwt.encode(claims, self.key.private, algorithm="ES256", headers={"kid": self.key.kid})


@pytest.mark.starter_passes
def test_the_login_request_asks_for_max_age(answer: Path) -> None:
    url, _ = Setup(answer).rp.start_login()
    assert parse_qs(urlsplit(url).query).get("max_age") == ["300"]


@pytest.mark.starter_passes
def test_a_fresh_sign_in_passes(answer: Path) -> None:
    setup = Setup(answer)
    for age in (0, 120, 300, 325):  # up to max_age plus the 30-second leeway
        claims = setup.rp.validate_id_token(setup.token(auth_time=int(setup.now) - age), nonce="n")
        assert claims["sub"] == "root"
    setup.provider.cookies.set("demo_user", "root")
    url, pending = setup.rp.start_login()
    callback = setup.provider.get(url, follow_redirects=False).headers["location"]
    assert setup.rp.finish_login(callback, pending)["sub"] == "root", "a complete, fresh login still works"


@pytest.mark.parametrize(("age", "why"), [(26 * 3600, "26 hours old"), (340, "340 seconds old")])
def test_an_old_sign_in_is_refused(answer: Path, age: int, why: str) -> None:
    setup = Setup(answer)
    with pytest.raises(oidc.LoginFailed):
        setup.rp.validate_id_token(setup.token(auth_time=int(setup.now) - age), nonce="n")
        pytest.fail(f"an ID token whose auth_time is {why} must be refused when max_age is 300")


def test_a_missing_auth_time_is_refused(answer: Path) -> None:
    setup = Setup(answer)
    with pytest.raises(oidc.LoginFailed):
        setup.rp.validate_id_token(setup.token(auth_time=None), nonce="n")
        pytest.fail("max_age was requested, so auth_time is required (OIDC Core 3.1.2.1)")


def test_an_auth_time_in_the_future_is_refused(answer: Path) -> None:
    setup = Setup(answer)
    with pytest.raises(oidc.LoginFailed):
        setup.rp.validate_id_token(setup.token(auth_time=int(setup.now) + 3600), nonce="n")
        pytest.fail("an authentication an hour in the future is not a recent one")


@pytest.mark.starter_passes
def test_the_other_checks_still_run(answer: Path) -> None:
    setup = Setup(answer)
    with pytest.raises(oidc.LoginFailed, match="nonce"):
        setup.rp.validate_id_token(setup.token(), nonce="another-login")
