"""Acceptance check for the hiring team's acceptance tests: they pass three correct submissions that encode their
cursors differently, and each flawed submission from the last round fails at least one of them."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module


@dataclass
class Page:
    orders: list[Any]
    next_cursor: str | None


def key(order: Any) -> tuple[datetime, str]:
    return (order.placed_at, order.id)


@dataclass
class Submission:
    """A candidate's keyset pagination; subclasses change how the cursor looks, or plant a flaw."""

    orders: list[Any] = field(default_factory=list)
    check_limit: bool = True
    filter_customer: bool = True

    def add(self, order: Any) -> None:
        self.orders.append(order)

    def encode(self, last: Any) -> str:
        return f"{last.placed_at.isoformat()}|{last.id}"

    def decode(self, cursor: str) -> tuple[datetime, str]:
        placed_at, sep, order_id = cursor.partition("|")
        if not sep:
            raise ValueError("bad cursor")
        return datetime.fromisoformat(placed_at), order_id

    def visible(self, customer: str) -> list[Any]:
        mine = [o for o in self.orders if o.customer == customer or not self.filter_customer]
        return sorted(mine, key=key, reverse=True)

    def after(self, rows: list[Any], cursor: str) -> list[Any]:
        position = self.decode(cursor)
        return [o for o in rows if key(o) < position]

    def list_orders(self, customer: str, limit: int = 20, cursor: str | None = None) -> Page:
        if self.check_limit and not 1 <= limit <= 100:
            raise ValueError("limit must be 1 to 100")
        rows = self.visible(customer)
        if cursor is not None:
            rows = self.after(rows, cursor)
        page, more = rows[:limit], len(rows) > limit
        return Page(page, self.encode(page[-1]) if more and page else None)


class OpaqueCursor(Submission):
    def encode(self, last: Any) -> str:
        return base64.urlsafe_b64encode(json.dumps([last.placed_at.isoformat(), last.id]).encode()).decode()

    def decode(self, cursor: str) -> tuple[datetime, str]:
        try:
            placed_at, order_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        except (binascii.Error, TypeError) as error:
            raise ValueError("bad cursor") from error
        return datetime.fromisoformat(placed_at), order_id


class SequenceCursor(Submission):
    """Cursors that are plain numbers (the sequence number of the last order shown), yet keyset underneath."""

    def encode(self, last: Any) -> str:
        return str(next(n for n, o in enumerate(self.orders) if o is last))

    def decode(self, cursor: str) -> tuple[datetime, str]:
        number = int(cursor)
        if not 0 <= number < len(self.orders):
            raise ValueError("bad cursor")
        return key(self.orders[number])


class OffsetPages(Submission):
    """The most common flaw: the cursor is an offset, so rows added at the front shift every later page."""

    def encode(self, last: Any) -> str:
        return "0"  # replaced in list_orders

    def list_orders(self, customer: str, limit: int = 20, cursor: str | None = None) -> Page:
        if not 1 <= limit <= 100:
            raise ValueError("limit must be 1 to 100")
        offset = int(cursor) if cursor is not None else 0
        rows = self.visible(customer)
        page = rows[offset : offset + limit]
        return Page(page, str(offset + limit) if offset + limit < len(rows) else None)


class TimestampOnly(Submission):
    """The cursor holds placed_at alone, so orders sharing the boundary timestamp are skipped."""

    def encode(self, last: Any) -> str:
        return last.placed_at.isoformat()

    def after(self, rows: list[Any], cursor: str) -> list[Any]:
        return [o for o in rows if o.placed_at < datetime.fromisoformat(cursor)]


CORRECT: dict[str, Callable[[], Any]] = {
    "text cursor": Submission,
    "opaque cursor": OpaqueCursor,
    "numeric cursor": SequenceCursor,
}
FLAWED: dict[str, tuple[Callable[[], Any], str]] = {
    "offset": (OffsetPages, "repeats orders when a new order arrives between two page requests"),
    "no limit cap": (lambda: Submission(check_limit=False), "accepts limit=100000 and limit=0"),
    "no customer filter": (lambda: Submission(filter_customer=False), "shows customers each other's orders"),
    "ties": (TimestampOnly, "loses orders placed at the same moment when a page ends among them"),
}


def failures(module: Any, make_shop: Callable[[], Any]) -> dict[str, str]:
    found = {}
    for test in module.ACCEPTANCE_TESTS:
        try:
            test(make_shop)
        except Exception as error:  # any failure of an acceptance test counts, not only AssertionError
            found[test.__name__] = f"{type(error).__name__}: {error}"
    return found


@pytest.mark.starter_passes
def test_correct_submissions_pass_every_acceptance_test(answer: Path) -> None:
    module = load_module(answer)
    for name, make_shop in CORRECT.items():
        failed = failures(module, make_shop)
        assert not failed, (
            f"a correct submission ({name}) fails {failed}: an acceptance test that depends on how a candidate "
            "built it, not on what the brief promises, marks good work down"
        )


@pytest.mark.parametrize("flaw", list(FLAWED))
def test_each_flawed_submission_fails_an_acceptance_test(answer: Path, flaw: str) -> None:
    module = load_module(answer)
    make_shop, what = FLAWED[flaw]
    assert failures(module, make_shop), (
        f"a submission that {what} passes every acceptance test, so it would score 4 on correctness: add a test "
        "for the promise of the brief it breaks"
    )
