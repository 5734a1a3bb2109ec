"""Acceptance check: stopped after any statement and restarted, the relay leaves every customer's summary equal
to the outbox: each order counted exactly once."""

from __future__ import annotations

import json
import random
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module


class Stopped(Exception):
    """The relay process was stopped (a deploy, an OOM kill) right after a statement."""


class StoppingConnection:
    """The read-model connection, which stops the relay after its `stop_after`-th statement."""

    def __init__(self, conn: sqlite3.Connection, stop_after: int | None) -> None:
        self.conn, self.stop_after, self.statements = conn, stop_after, 0

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        cursor = self.conn.execute(sql, params)
        self.statements += 1
        if self.stop_after is not None and self.statements >= self.stop_after:
            raise Stopped(f"stopped after statement {self.statements}")
        return cursor

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()

    def __enter__(self) -> StoppingConnection:
        self.conn.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.__exit__(*exc)


def source_with_orders(seed: int) -> tuple[sqlite3.Connection, dict[str, tuple[int, int]]]:
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    source = sqlite3.connect(":memory:")
    source.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
    truth: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _ in range(6):
        customer, total = rng.choice(("ada", "bob", "cy")), rng.randint(1, 99) * 100
        source.execute(
            "INSERT INTO outbox (payload) VALUES (?)", (json.dumps({"customer": customer, "total_cents": total}),)
        )
        truth[customer][0] += 1
        truth[customer][1] += total
    source.commit()
    return source, {customer: (n, cents) for customer, (n, cents) in truth.items()}


def read_model() -> sqlite3.Connection:
    model = sqlite3.connect(":memory:")
    model.executescript(
        """
        CREATE TABLE summaries (customer TEXT PRIMARY KEY, orders INTEGER NOT NULL, spent_cents INTEGER NOT NULL);
        CREATE TABLE relay_position (last_seq INTEGER NOT NULL);
        INSERT INTO relay_position VALUES (0);
        """
    )
    return model


def summaries(model: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    return {customer: (n, cents) for customer, n, cents in model.execute("SELECT * FROM summaries")}


@pytest.mark.starter_passes
def test_a_relay_that_is_never_stopped_counts_every_order(answer: Path) -> None:
    source, truth = source_with_orders(seed=1)
    model = read_model()
    load_module(answer).relay(source, StoppingConnection(model, None))
    assert summaries(model) == truth


@pytest.mark.parametrize("seed", [1, 2])
def test_a_restart_after_a_stop_anywhere_counts_each_order_once(answer: Path, seed: int) -> None:
    relay = load_module(answer).relay
    for stop_after in range(1, 40):
        source, truth = source_with_orders(seed)
        model = read_model()
        try:
            relay(source, StoppingConnection(model, stop_after))
        except Stopped:
            model.rollback()  # the process died: its open transaction is lost
        relay(source, StoppingConnection(model, None))  # the restarted relay
        assert summaries(model) == truth, (
            f"stopped after statement {stop_after} and restarted: summaries {summaries(model)}, outbox says {truth}"
        )
