"""Exercise: the deploy that broke every old cart.

Symptom: this morning's release added `price_cents` to `ItemAdded` (schema version 2) so carts can show a total.
New carts work. Opening any cart created before the release fails with `KeyError: 'price_cents'`, and the nightly
rebuild of the revenue report crashes on the first old event.

Diagnose it with the check (`make exercise ID=architecture/architecture_styles/upcasting`). Old events are
permanent: you may not rewrite them in the store. Write an upcaster that turns a version 1 `ItemAdded` into
version 2, priced from `PRICES_BEFORE_V2` (the price list that applied until the release), and run it where
events are read, so the cart, the revenue report and any projection written later only ever see version 2.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Event = dict[str, Any]

# Until the release every item sold at its list price, and these were the list prices.
PRICES_BEFORE_V2 = {"lamp": 2500, "desk": 12000, "chair": 4500}

# Today's catalog: new ItemAdded events record the price at the moment the item was added.
CATALOG = {"lamp": 2900, "desk": 11500, "chair": 4500, "shelf": 6000}


class ConcurrencyError(Exception):
    """Someone else appended to this stream since we read it."""


@dataclass
class EventStore:
    streams: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))

    def load(self, stream_id: str) -> list[Event]:
        return list(self.streams[stream_id])

    def read_all(self) -> Iterator[tuple[str, Event]]:
        """Every event of every stream, for projections that rebuild from history."""
        for stream_id, events in list(self.streams.items()):
            for event in events:
                yield stream_id, event

    def append(self, stream_id: str, events: list[Event], expected_version: int) -> None:
        stream = self.streams[stream_id]
        if len(stream) != expected_version:
            raise ConcurrencyError(f"{stream_id}: expected version {expected_version}, found {len(stream)}")
        stream.extend(events)


@dataclass
class Cart:
    items: dict[str, int] = field(default_factory=dict)
    total_cents: int = 0
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
            self.total_cents += event["qty"] * event["price_cents"]
        self.version += 1

    def add_item(self, sku: str, qty: int) -> list[Event]:
        if qty <= 0:
            raise ValueError("qty must be positive")
        return [{"type": "ItemAdded", "schema": 2, "sku": sku, "qty": qty, "price_cents": CATALOG[sku]}]


def handle(store: EventStore, cart_id: str, command: str, **args: Any) -> None:
    cart = Cart.replay(store.load(cart_id))
    store.append(cart_id, getattr(cart, command)(**args), expected_version=cart.version)


def load_cart(store: EventStore, cart_id: str) -> Cart:
    return Cart.replay(store.load(cart_id))


def revenue_by_sku(store: EventStore) -> dict[str, int]:
    """The nightly report, rebuilt from the whole history."""
    revenue: dict[str, int] = defaultdict(int)
    for _, event in store.read_all():
        if event["type"] == "ItemAdded":
            revenue[event["sku"]] += event["qty"] * event["price_cents"]
    return dict(revenue)
