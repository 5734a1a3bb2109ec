"""Acceptance check: the honest flow works; a tossed cookie-and-header pair, another session's token and a token
made under another secret are refused; the app does not start without CSRF_SECRET."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.security.sessions.app import COOKIE
from examples.security.sessions.store import SessionStore
from exercises import load_module
from exercises.security.sessions_and_cookies.support import browser, log_in

SECRET = "k" * 20 + "9f3c2a71d0e84b56"  # 36 characters, made up for the check
OTHER_SECRET = "q" * 20 + "1b7e90c4a2d35f68"


def make_app(answer: Path, monkeypatch: pytest.MonkeyPatch, secret: str = SECRET, **kwargs: object) -> FastAPI:
    monkeypatch.setenv("CSRF_SECRET", secret)
    return load_module(answer).create_app(**kwargs)


def change_email(client: TestClient, token: str, csrf_cookie: str | None = None) -> int:
    if csrf_cookie is not None:
        client.cookies.set("csrf", csrf_cookie)
    return client.post("/email", data={"email": "x@example.com"}, headers={"X-CSRF-Token": token}).status_code


@pytest.mark.starter_passes
def test_the_honest_flow_works(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = browser(make_app(answer, monkeypatch))
    token = log_in(client)
    assert client.cookies.get("csrf") == token, "the page's scripts read the token from the csrf cookie"
    assert change_email(client, token) == 200


def test_a_tossed_cookie_and_header_pair_is_refused(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = browser(make_app(answer, monkeypatch))
    log_in(client)
    assert change_email(client, "pwned", csrf_cookie="pwned") == 403, (
        "a sibling subdomain can set the csrf cookie: a token must be one only the server can make for this session"
    )


def test_another_sessions_token_is_refused(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(answer, monkeypatch)
    attacker, victim = browser(app), browser(app)
    attackers_token = log_in(attacker)  # the attacker's own account, so the attacker knows this token
    log_in(victim)
    assert change_email(victim, attackers_token, csrf_cookie=attackers_token) == 403


def test_a_token_made_under_another_secret_is_refused(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = SessionStore()
    other = browser(make_app(answer, monkeypatch, secret=OTHER_SECRET, sessions=sessions))
    token_elsewhere = log_in(other)
    ours = make_app(answer, monkeypatch, secret=SECRET, sessions=sessions)
    same_session = browser(ours, cookies={COOKIE: other.cookies.get(COOKIE) or ""})
    assert change_email(same_session, token_elsewhere, csrf_cookie=token_elsewhere) == 403, (
        "the token must depend on the configured secret"
    )


def test_no_secret_no_start(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSRF_SECRET", raising=False)
    with pytest.raises(Exception):  # noqa: B017 - any refusal to start will do
        load_module(answer).create_app()
