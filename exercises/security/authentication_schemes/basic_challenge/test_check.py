"""Acceptance check: every failed Basic login is a 401 with the RFC 7617 challenge (never a 500), passwords with
colons and non-ASCII characters work, and neither the password nor the encoded header reaches the logs.
"""

from __future__ import annotations

import base64
import logging
from functools import cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from examples.security.at_rest.passwords import hash_password
from exercises import load_module

PASSWORD = "ci:7f3e-Kx9:zü"  # noqa: S105 - a test credential: colons and a non-ASCII letter


@cache
def users() -> dict[str, str]:
    return {"build-bot": hash_password(PASSWORD)}


def client(answer: Path) -> TestClient:
    return TestClient(load_module(answer).create_app(users()), raise_server_exceptions=False)


def basic(user_pass: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(user_pass.encode()).decode()}


def assert_challenge(response, why: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 401, f"{why}: expected 401, got {response.status_code}"
    challenge = response.headers.get("www-authenticate", "")
    assert challenge.lower().startswith("basic "), f"{why}: a 401 needs WWW-Authenticate: Basic ... (RFC 9110 11.6.1)"
    assert 'realm="' in challenge, f"{why}: the Basic challenge names a realm (RFC 7617 section 2)"
    assert 'charset="utf-8"' in challenge.lower(), f'{why}: say charset="UTF-8" so clients encode non-ASCII right'


@pytest.mark.parametrize(
    ("headers", "why"),
    [
        ({}, "no credentials"),
        (basic("build-bot:wrong"), "a wrong password"),
        (basic("nobody:" + PASSWORD), "an unknown user"),
        ({"Authorization": "Basic !!!not-base64!!!"}, "a header that is not base64"),
        (basic("no-colon-at-all"), "credentials without a colon"),
        ({"Authorization": "Bearer abc"}, "another scheme"),
    ],
)
def test_every_failure_is_a_401_with_the_challenge(answer: Path, headers: dict[str, str], why: str) -> None:
    assert_challenge(client(answer).get("/export", headers=headers), why)


def test_a_password_with_colons_works(answer: Path) -> None:
    response = client(answer).get("/export", headers=basic("build-bot:" + PASSWORD))
    assert response.status_code == 200, "split user id and password at the first colon only (RFC 7617)"
    assert response.json()["for"] == "build-bot"


def test_no_credentials_in_the_logs(answer: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api = client(answer)
    good, bad = basic("build-bot:" + PASSWORD), basic("build-bot:wrong-but-still-secret")
    api.get("/export", headers=good)
    api.get("/export", headers=bad)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (PASSWORD, "wrong-but-still-secret", good["Authorization"][6:], bad["Authorization"][6:]):
        assert secret not in logged, "a password (or its base64 form, which is the same thing) was logged"
