"""Acceptance check: the email changes only with the right current password; after the change the old session id
is dead, the new one works, and only the new CSRF token is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from examples.security.sessions.app import COOKIE
from exercises import load_module
from exercises.security.sessions_and_cookies.support import CREDENTIALS, browser, log_in

NEW = "ada@new.example"


def signed_in(answer: Path) -> tuple[TestClient, str]:
    client = browser(load_module(answer).create_app())
    return client, log_in(client)


def email_of(client: TestClient) -> str:
    return client.get("/me").json()["email"]


@pytest.mark.parametrize("password", [None, "", "wrong password"])
def test_no_change_without_the_current_password(answer: Path, password: str | None) -> None:
    client, token = signed_in(answer)
    form = {"email": "thief@evil.example"} | ({} if password is None else {"current_password": password})
    response = client.post("/email", data=form, headers={"X-CSRF-Token": token})
    assert response.status_code == 403, f"current_password={password!r}: a live session alone must not be enough"
    assert email_of(client) == "ada@example.com"


def test_the_right_password_changes_it_and_rotates_the_session(answer: Path) -> None:
    client, token = signed_in(answer)
    old_id = client.cookies.get(COOKIE)
    form = {"email": NEW, "current_password": CREDENTIALS["password"]}
    response = client.post("/email", data=form, headers={"X-CSRF-Token": token})
    assert response.status_code == 200 and response.json()["email"] == NEW
    new_id = response.cookies.get(COOKIE)
    assert new_id and new_id != old_id, "re-authentication issues a new session id (ASVS 7.2.4)"
    stale = browser(client.app, cookies={COOKIE: old_id or ""})
    assert stale.get("/me").status_code == 401, "the pre-change session id must no longer work"
    assert email_of(client) == NEW, "the browser carries on with its new session"


def test_only_the_new_csrf_token_works(answer: Path) -> None:
    client, old_token = signed_in(answer)
    form = {"email": NEW, "current_password": CREDENTIALS["password"]}
    new_token = client.post("/email", data=form, headers={"X-CSRF-Token": old_token}).json().get("csrf_token")
    assert new_token and new_token != old_token, "return the new session's CSRF token with the change"
    again = {"email": "ada@third.example", "current_password": CREDENTIALS["password"]}
    assert client.post("/email", data=again, headers={"X-CSRF-Token": old_token}).status_code == 403
    assert client.post("/email", data=again, headers={"X-CSRF-Token": new_token}).status_code == 200


@pytest.mark.starter_passes
def test_the_csrf_token_is_still_required(answer: Path) -> None:
    client, _ = signed_in(answer)
    form = {"email": "thief@evil.example", "current_password": CREDENTIALS["password"]}
    assert client.post("/email", data=form).status_code == 403
    assert email_of(client) == "ada@example.com"
