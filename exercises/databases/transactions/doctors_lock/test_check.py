"""Acceptance check: two sign-offs that overlap leave a doctor on call, because the second one waits for the
first, at READ COMMITTED; a lone sign-off still works."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from examples.databases.transactions.sessions import in_background, lock_waiters
from exercises import load_module
from exercises.databases.transactions.support import guarded

pytestmark = pytest.mark.postgres


def rota(url: str, *on_call: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL)")
        for name in ("ana", "ben", "cy"):
            conn.execute("INSERT INTO doctors VALUES (%s, %s)", (name, name in on_call))


def still_on_call(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM doctors WHERE on_call ORDER BY name")]


class Night:
    """Ana's request checks the rule, then holds until Ben's request has checked it too (the starter), or
    until the server reports Ben's request waiting for a lock (a fix). Then both go on."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ana_checked, self.ben_checked = threading.Event(), threading.Event()
        self.levels: list[str] = []
        self.ben_waited_for: list[int] = []
        self.ana_pid = 0

    def ana_between(self, conn: psycopg.Connection) -> None:
        self.levels.append(conn.execute("SHOW transaction_isolation").fetchone()[0])
        self.ana_pid = conn.info.backend_pid
        self.ana_checked.set()
        for _ in range(1000):
            if self.ben_checked.wait(timeout=0.01):
                return
            waiting = lock_waiters(self.url)
            if waiting:
                self.ben_waited_for = next(iter(waiting.values()))
                return
        raise AssertionError("Ben's request neither checked the rule nor waited for a lock within 10 s")

    def ben_between(self, conn: psycopg.Connection) -> None:
        self.levels.append(conn.execute("SHOW transaction_isolation").fetchone()[0])
        self.ben_checked.set()

    def play(self, answer: Path) -> tuple[bool, bool]:
        go_off_call: Callable[..., bool] = load_module(answer).go_off_call
        ana = in_background(lambda: go_off_call(guarded(self.url), "ana", self.ana_between))
        assert self.ana_checked.wait(timeout=10), "Ana's request never reached the check's hook"
        ben = in_background(lambda: go_off_call(guarded(self.url), "ben", self.ben_between))
        return ana.result(timeout=30), ben.result(timeout=30)


def test_a_doctor_is_still_on_call_after_both_sign_offs(answer: Path, postgres_url: str) -> None:
    rota(postgres_url, "ana", "ben")
    Night(postgres_url).play(answer)
    assert still_on_call(postgres_url), "both signed off: the night is uncovered"


def test_the_first_request_wins_and_the_second_is_refused(answer: Path, postgres_url: str) -> None:
    rota(postgres_url, "ana", "ben")
    assert Night(postgres_url).play(answer) == (True, False)
    assert still_on_call(postgres_url) == ["ben"]


def test_the_second_request_waits_for_the_first(answer: Path, postgres_url: str) -> None:
    rota(postgres_url, "ana", "ben")
    night = Night(postgres_url)
    night.play(answer)
    assert night.ben_waited_for == [night.ana_pid], "Ben's request must wait for the lock Ana's request holds"


@pytest.mark.starter_passes
def test_it_runs_at_read_committed(answer: Path, postgres_url: str) -> None:
    rota(postgres_url, "ana", "ben", "cy")
    levels = []
    go_off_call = load_module(answer).go_off_call
    assert go_off_call(
        guarded(postgres_url),
        "ana",
        lambda conn: levels.append(conn.execute("SHOW transaction_isolation").fetchone()[0]),
    )
    assert levels == ["read committed"], "the fix must work at the default level, without SERIALIZABLE"


@pytest.mark.starter_passes
def test_a_lone_sign_off_follows_the_rule(answer: Path, postgres_url: str) -> None:
    rota(postgres_url, "ana", "ben")
    go_off_call = load_module(answer).go_off_call
    assert go_off_call(guarded(postgres_url), "ana") is True
    assert go_off_call(guarded(postgres_url), "ben") is False
    assert still_on_call(postgres_url) == ["ben"]
