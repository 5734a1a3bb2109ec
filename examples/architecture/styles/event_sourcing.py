"""Event sourcing with a CQRS read model, for a tiny shopping cart.

The write side stores facts (events) and rebuilds state by replaying them. The read side keeps a
denormalised view that a projection updates from the same events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Event = dict[str, Any]


class ConcurrencyError(Exception):
    """Someone else appended to this stream since we read it."""


# --8<-- [start:store]
@dataclass
class EventStore:
    streams: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    subscribers: list[Any] = field(default_factory=list)

    def load(self, stream_id: str) -> list[Event]:
        return list(self.streams[stream_id])

    def append(self, stream_id: str, events: list[Event], expected_version: int) -> None:
        """Optimistic concurrency: refuse the append if the stream moved on since it was loaded."""
        stream = self.streams[stream_id]
        if len(stream) != expected_version:
            raise ConcurrencyError(f"{stream_id}: expected version {expected_version}, found {len(stream)}")
        stream.extend(events)
        for event in events:
            for subscriber in self.subscribers:
                subscriber(stream_id, event)


# --8<-- [end:store]


# --8<-- [start:aggregate]
@dataclass
class Cart:
    """The write model: rules live here, and state is whatever the events say happened."""

    items: dict[str, int] = field(default_factory=dict)
    checked_out: bool = False
    version: int = 0

    @classmethod
    def replay(cls, events: list[Event]) -> Cart:
        cart = cls()
        for event in events:
            cart.apply(event)
        return cart

    def apply(self, event: Event) -> None:
        kind = event["type"]
        if kind == "ItemAdded":
            self.items[event["sku"]] = self.items.get(event["sku"], 0) + event["qty"]
        elif kind == "ItemRemoved":
            self.items.pop(event["sku"], None)
        elif kind == "CheckedOut":
            self.checked_out = True
        self.version += 1

    # Commands check rules against current state and return new events; they never mutate directly.
    def add_item(self, sku: str, qty: int) -> list[Event]:
        if self.checked_out:
            raise ValueError("cart is already checked out")
        if qty <= 0:
            raise ValueError("qty must be positive")
        return [{"type": "ItemAdded", "sku": sku, "qty": qty}]

    def check_out(self) -> list[Event]:
        if not self.items:
            raise ValueError("cannot check out an empty cart")
        return [{"type": "CheckedOut"}]


def handle(store: EventStore, cart_id: str, command: str, **args: Any) -> None:
    cart = Cart.replay(store.load(cart_id))
    events = getattr(cart, command)(**args)
    store.append(cart_id, events, expected_version=cart.version)


# --8<-- [end:aggregate]


# --8<-- [start:projection]
class ItemPopularity:
    """A read model shaped for one query ("most added SKUs"), rebuilt at any time from the events."""

    def __init__(self) -> None:
        self.added: dict[str, int] = defaultdict(int)

    def __call__(self, stream_id: str, event: Event) -> None:
        if event["type"] == "ItemAdded":
            self.added[event["sku"]] += event["qty"]

    def top(self, n: int) -> list[tuple[str, int]]:
        return sorted(self.added.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


# --8<-- [end:projection]
