"""A reference solution: on a conflict, reload and decide again; a bounded number of attempts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Event = dict[str, Any]

LIMIT_PER_SKU = 10
MAX_ATTEMPTS = 3


class ConcurrencyError(Exception):
    """Someone else appended to this stream since we read it."""


@dataclass
class EventStore:
    streams: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))

    def load(self, stream_id: str) -> list[Event]:
        return list(self.streams[stream_id])

    def append(self, stream_id: str, events: list[Event], expected_version: int) -> None:
        stream = self.streams[stream_id]
        if len(stream) != expected_version:
            raise ConcurrencyError(f"{stream_id}: expected version {expected_version}, found {len(stream)}")
        stream.extend(events)


@dataclass
class Cart:
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
        if event["type"] == "ItemAdded":
            self.items[event["sku"]] = self.items.get(event["sku"], 0) + event["qty"]
        elif event["type"] == "CheckedOut":
            self.checked_out = True
        self.version += 1

    def add_item(self, sku: str, qty: int) -> list[Event]:
        if self.checked_out:
            raise ValueError("cart is already checked out")
        if qty <= 0:
            raise ValueError("qty must be positive")
        if self.items.get(sku, 0) + qty > LIMIT_PER_SKU:
            raise ValueError(f"at most {LIMIT_PER_SKU} of {sku} per cart")
        return [{"type": "ItemAdded", "sku": sku, "qty": qty}]

    def check_out(self) -> list[Event]:
        if not self.items:
            raise ValueError("cannot check out an empty cart")
        return [{"type": "CheckedOut"}]


def handle(store: EventStore, cart_id: str, command: str, **args: Any) -> None:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        # Each attempt decides from the stream as it is now: the events another writer added may change the answer.
        cart = Cart.replay(store.load(cart_id))
        events = getattr(cart, command)(**args)
        try:
            store.append(cart_id, events, expected_version=cart.version)
            return
        except ConcurrencyError:
            if attempt == MAX_ATTEMPTS:
                raise
