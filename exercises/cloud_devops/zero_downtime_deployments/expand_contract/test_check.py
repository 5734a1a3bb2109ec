"""Acceptance check: the plan is replayed against PostgreSQL. After every statement and during every rollout,
each release that is serving must be able to sign users up and show every user's name, including users
created by the other release; no DDL statement may wait behind a lock; at the end only v3 runs and the old
column is gone."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import errors

from exercises import load_module
from exercises.cloud_devops.zero_downtime_deployments.expand_contract.versions import create_user, display_names

pytestmark = pytest.mark.postgres

SEED = 2000
DDL = re.compile(r"^\s*(ALTER|DROP|CREATE\s+(UNIQUE\s+)?INDEX|TRUNCATE|LOCK)\b", re.I)
STATEMENT_TIMEOUT_MS = 4000  # a statement that waits longer than this has queued the table's traffic


class Replay:
    """A database, the releases serving it, and every name they should still show."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.live = ["v1"]
        self.names: dict[int, str] = {}
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE users (id bigserial PRIMARY KEY, fullname text NOT NULL)")
            conn.execute(
                "INSERT INTO users (fullname) SELECT 'seeded user ' || n FROM generate_series(1, %s) AS n", (SEED,)
            )
            for row in conn.execute("SELECT id, fullname FROM users"):
                self.names[int(row[0])] = row[1]

    def serve(self, moment: str) -> None:
        """Every live release signs one user up, then reads back every user's name."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            for version in self.live:
                name = f"signed up on {version} {moment}"
                try:
                    self.names[create_user(conn, version, name)] = name
                except psycopg.Error as error:
                    pytest.fail(f"{moment}: {version} (serving) cannot sign users up: {error}".strip())
            for version in self.live:
                try:
                    shown = display_names(conn, version, list(self.names))
                except psycopg.Error as error:
                    pytest.fail(f"{moment}: {version} (serving) cannot show names: {error}".strip())
                wrong = {i: shown.get(i) for i, name in self.names.items() if shown.get(i) != name}
                assert not wrong, f"{moment}: {version} shows {len(wrong)} users with a missing or wrong name"

    def run_phase(self, phase: Any) -> None:
        with psycopg.connect(self.url, autocommit=True, options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}") as conn:
            for statement in phase.sql:
                conn.execute(statement)
                self.serve(f"after {statement.split()[0]} ... in phase {phase.name!r}")
        if phase.deploy:
            assert phase.deploy in {"v2", "v3"}, f"phase {phase.name!r}: there is no release {phase.deploy}"
            self.live = [self.live[-1], phase.deploy]
            self.serve(f"while {phase.deploy} rolls out ({phase.name!r})")
            self.live = [phase.deploy]
            self.serve(f"with {phase.deploy} everywhere")


def plan(answer: Path) -> list[Any]:
    return list(load_module(answer).PHASES)


def test_every_serving_release_keeps_working_through_the_plan(answer: Path, postgres_url: str) -> None:
    replay = Replay(postgres_url)
    for phase in plan(answer):
        replay.run_phase(phase)
    assert replay.live == ["v3"], f"the plan ends with {replay.live} serving, not v3 alone"


def test_the_old_column_is_gone_at_the_end(answer: Path, postgres_url: str) -> None:
    replay = Replay(postgres_url)
    for phase in plan(answer):
        replay.run_phase(phase)
    with psycopg.connect(postgres_url) as conn:
        columns = {
            row[0]
            for row in conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'")
        }
    assert "fullname" not in columns, "contract: drop fullname once no serving release reads it"
    assert "display_name" in columns


@contextmanager
def reader_holding_the_table(url: str) -> Iterator[None]:
    """A long report query: it holds ACCESS SHARE on users until the block ends, as any open transaction does."""
    with psycopg.connect(url) as conn:
        conn.execute("SELECT count(*) FROM users")
        yield
        conn.rollback()


def test_no_ddl_statement_waits_behind_a_long_transaction(answer: Path, postgres_url: str) -> None:
    replay = Replay(postgres_url)
    for phase in plan(answer):
        if any(DDL.match(statement) for statement in phase.sql):
            outcome: list[BaseException] = []

            def attempt(phase: Any = phase, outcome: list[BaseException] = outcome) -> None:
                try:
                    with psycopg.connect(
                        postgres_url, autocommit=True, options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
                    ) as conn:
                        for statement in phase.sql:
                            conn.execute(statement)
                except psycopg.Error as error:
                    outcome.append(error)

            with reader_holding_the_table(postgres_url):
                worker = threading.Thread(target=attempt)
                worker.start()
                worker.join(timeout=30)
            assert outcome, f"phase {phase.name!r} ran its DDL while another transaction held the table?"
            assert isinstance(outcome[0], errors.LockNotAvailable), (
                f"phase {phase.name!r} waited {STATEMENT_TIMEOUT_MS / 1000:.0f} s for its lock, and every query "
                f"on users queued behind it; set a lock_timeout of a second or two first ({outcome[0]})"
            )
        replay.run_phase(phase)
