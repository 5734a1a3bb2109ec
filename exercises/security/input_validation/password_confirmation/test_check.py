"""Acceptance check: length rules as NIST SP 800-63B-4 and ASVS 6.2 set them, passwords kept exactly as typed,
a mismatch reported on password_confirmation, and no password in any 422 body or in the model's repr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from examples.security.at_rest.passwords import verify_password
from exercises import load_module

PASSPHRASE = "correct horse battery staple"  # noqa: S105 - 28 characters, spaces included


def signup(answer: Path, password: str, confirmation: str | None = None, **extra: Any) -> tuple[Any, TestClient]:
    api = TestClient(load_module(answer).create_app())
    body = {"username": "ada_l", "password": password, "password_confirmation": confirmation or password} | extra
    return api.post("/signup", json=body), api


def accepted_as_typed(answer: Path, password: str) -> None:
    response, api = signup(answer, password)
    assert response.status_code == 201, f"{len(password)} characters should be accepted, got {response.text}"
    stored = api.app.state.users["ada_l"]  # type: ignore[attr-defined]
    assert verify_password(stored, password)[0], "the stored hash must match the password exactly as typed"
    if password != password.strip():
        assert not verify_password(stored, password.strip())[0], "spaces are part of the password: do not strip"


@pytest.mark.parametrize(
    "password", ["p" * 64, "🐈 my cat is called Mister Whiskers, since 2019 🐈", "  spaces at both ends  "]
)
def test_long_and_unusual_passwords_are_accepted_as_typed(answer: Path, password: str) -> None:
    accepted_as_typed(answer, password)


@pytest.mark.starter_passes
def test_ordinary_passphrases_still_work(answer: Path) -> None:
    for password in (PASSPHRASE, "x" * 15):
        accepted_as_typed(answer, password)


@pytest.mark.parametrize("password", ["fourteen chars", "twelve chars"])
def test_passwords_under_15_characters_are_refused(answer: Path, password: str) -> None:
    response, _ = signup(answer, password)
    assert response.status_code == 422, f"{len(password)} characters is under the 15 NIST requires"


def test_a_mismatched_confirmation_is_refused_on_its_field(answer: Path) -> None:
    response, api = signup(answer, PASSPHRASE, PASSPHRASE + "!")
    assert response.status_code == 422, "a confirmation that differs from the password must be refused"
    fields = [str(part) for error in response.json()["detail"] for part in error["loc"]]
    assert "password_confirmation" in fields, "report the mismatch on password_confirmation, so the form can show it"
    assert "ada_l" not in api.app.state.users  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("password", "confirmation", "extra"),
    [
        (PASSPHRASE, PASSPHRASE + "!", {}),  # mismatch
        ("short-secret", "short-secret", {}),  # too short
    ],
)
def test_error_bodies_never_repeat_a_password(answer: Path, password: str, confirmation: str, extra: Any) -> None:
    response, _ = signup(answer, password, confirmation, **extra)
    assert response.status_code == 422
    for secret in {password, confirmation}:
        assert secret not in response.text, "the 422 body repeats a password: drop `input` (and `ctx`) from errors"


def test_the_model_does_not_print_the_password(answer: Path) -> None:
    model = load_module(answer).SignupRequest(username="ada_l", password=PASSPHRASE, password_confirmation=PASSPHRASE)
    assert PASSPHRASE not in repr(model) and PASSPHRASE not in str(model), (
        "a logged model must not show the password: use SecretStr"
    )
