"""Acceptance check: a fourth login ends the user's oldest session (by creation, however recently it was used);
other users and anonymous sessions are untouched; logged-out and expired sessions free their slot."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.security.sessions.store import IDLE_TIMEOUT
from exercises import load_module
from exercises.security.sessions_and_cookies.support import Clock, browser, log_in


def app_and_clock(answer: Path) -> tuple[FastAPI, Clock]:
    clock = Clock()
    return load_module(answer).create_app(clock), clock


def logged_in(app: FastAPI, clock: Clock, count: int) -> list[tuple[TestClient, str]]:
    """`count` browsers that log in one second apart, oldest first."""
    browsers = []
    for _ in range(count):
        client = browser(app)
        browsers.append((client, log_in(client)))
        clock.now += 1
    return browsers


def alive(client: TestClient) -> bool:
    return client.get("/me").status_code == 200


def test_a_fourth_login_ends_the_oldest_session(answer: Path) -> None:
    app, clock = app_and_clock(answer)
    first, second, third = (client for client, _ in logged_in(app, clock, 3))
    assert alive(first)  # the oldest was used a moment ago: it is still the oldest by creation
    ((fourth, _),) = logged_in(app, clock, 1)
    assert [alive(c) for c in (first, second, third, fourth)] == [False, True, True, True], (
        "three sessions per user: the fourth login ends the one created first"
    )


def test_many_logins_leave_three(answer: Path) -> None:
    app, clock = app_and_clock(answer)
    browsers = [client for client, _ in logged_in(app, clock, 10)]
    assert [alive(c) for c in browsers] == [False] * 7 + [True] * 3


@pytest.mark.starter_passes
def test_other_users_and_anonymous_sessions_are_untouched(answer: Path) -> None:
    app, clock = app_and_clock(answer)
    store = app.state.sessions
    others = [store.create("grace") for _ in range(3)] + [store.create(None) for _ in range(5)]
    logged_in(app, clock, 4)
    assert all(store.get(sid) is not None for sid in others), "the limit is per user; anonymous sessions have none"


@pytest.mark.starter_passes
def test_logging_out_frees_a_slot(answer: Path) -> None:
    app, clock = app_and_clock(answer)
    sessions = logged_in(app, clock, 3)
    leaving, token = sessions[0]
    assert leaving.post("/logout", headers={"X-CSRF-Token": token}).status_code == 200
    ((newest, _),) = logged_in(app, clock, 1)
    assert [alive(c) for c, _ in sessions[1:]] + [alive(newest)] == [True, True, True]


@pytest.mark.starter_passes
def test_expired_sessions_do_not_count(answer: Path) -> None:
    app, clock = app_and_clock(answer)
    logged_in(app, clock, 2)  # these two idle out
    clock.now += IDLE_TIMEOUT + 1
    sessions = [client for client, _ in logged_in(app, clock, 3)]
    assert all(alive(c) for c in sessions), "two expired sessions took slots from live ones"
