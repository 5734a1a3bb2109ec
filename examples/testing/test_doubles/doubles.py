"""Hand-written test doubles: a dummy, a stub, a fake and a spy. Mocks come from unittest.mock in the tests."""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from examples.testing.test_doubles.checkout import DuplicateOrder, Order


# --8<-- [start:doubles]
class Unused:
    """Dummy: fills a parameter the test never exercises, and fails loudly if the code touches it after all."""

    def __getattr__(self, name: str) -> NoReturn:
        raise AssertionError(f"a dummy was used: .{name}")


class FixedClock:
    """Stub: returns a canned answer so the test controls an input."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def now(self) -> dt.datetime:
        return self.at


class InMemoryOrders:
    """Fake: a real, working implementation that takes a shortcut (a dict instead of a database)."""

    def __init__(self) -> None:
        self._orders: dict[str, Order] = {}

    def add(self, order: Order) -> None:
        if order.id in self._orders:
            raise DuplicateOrder(order.id)  # the same rule, and the same error, as the real store
        self._orders[order.id] = order

    def get(self, order_id: str) -> Order | None:
        return self._orders.get(order_id)


class RecordingMailer:
    """Spy: does nothing useful but records calls, so the test can check them afterwards."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to: str, subject: str, body: str) -> None:
        self.sent.append((to, subject, body))


# --8<-- [end:doubles]
