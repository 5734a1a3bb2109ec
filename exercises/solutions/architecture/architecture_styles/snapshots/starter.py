"""A reference solution: a snapshot every SNAPSHOT_EVERY events, kept outside the stream, restored as a copy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Event = dict[str, Any]

SNAPSHOT_EVERY = 100


class ConcurrencyError(Exception):
    """Someone else appended to this stream since we read it."""


@dataclass
class EventStore:
    streams: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))

    def load(self, stream_id: str, after_version: int = 0) -> list[Event]:
        """The stream's events after the first `after_version` of them."""
        return list(self.streams[stream_id][after_version:])

    def append(self, stream_id: str, events: list[Event], expected_version: int) -> None:
        stream = self.streams[stream_id]
        if len(stream) != expected_version:
            raise ConcurrencyError(f"{stream_id}: expected version {expected_version}, found {len(stream)}")
        stream.extend(events)


@dataclass(frozen=True)
class Snapshot:
    """The cart's state as it was after its first `version` events."""

    version: int
    items: dict[str, int]
    checked_out: bool


@dataclass
class SnapshotStore:
    """Kept apart from the event stream: a snapshot is a cache of derived state, not a fact that happened."""

    latest: dict[str, Snapshot] = field(default_factory=dict)

    def save(self, stream_id: str, snapshot: Snapshot) -> None:
        self.latest[stream_id] = snapshot

    def get(self, stream_id: str) -> Snapshot | None:
        return self.latest.get(stream_id)


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
        kind = event["type"]
        if kind == "ItemAdded":
            self.items[event["sku"]] = self.items.get(event["sku"], 0) + event["qty"]
        elif kind == "ItemRemoved":
            self.items.pop(event["sku"], None)
        elif kind == "CheckedOut":
            self.checked_out = True
        self.version += 1

    def add_item(self, sku: str, qty: int) -> list[Event]:
        if self.checked_out:
            raise ValueError("cart is already checked out")
        if qty <= 0:
            raise ValueError("qty must be positive")
        return [{"type": "ItemAdded", "sku": sku, "qty": qty}]

    def remove_item(self, sku: str) -> list[Event]:
        if self.checked_out:
            raise ValueError("cart is already checked out")
        if sku not in self.items:
            raise ValueError(f"{sku} is not in the cart")
        return [{"type": "ItemRemoved", "sku": sku}]

    def check_out(self) -> list[Event]:
        if not self.items:
            raise ValueError("cannot check out an empty cart")
        return [{"type": "CheckedOut"}]


def snapshot_of(cart: Cart) -> Snapshot:
    # Copy the dict: a snapshot that shares it with a live cart changes whenever that cart applies an event.
    return Snapshot(version=cart.version, items=dict(cart.items), checked_out=cart.checked_out)


def cart_from(snapshot: Snapshot) -> Cart:
    return Cart(items=dict(snapshot.items), checked_out=snapshot.checked_out, version=snapshot.version)


def load_cart(store: EventStore, snapshots: SnapshotStore, cart_id: str) -> Cart:
    snapshot = snapshots.get(cart_id)
    cart = cart_from(snapshot) if snapshot else Cart()
    # Always read the events after the snapshot: other writers may have appended since it was taken.
    for event in store.load(cart_id, after_version=cart.version):
        cart.apply(event)
    return cart


def handle(store: EventStore, snapshots: SnapshotStore, cart_id: str, command: str, **args: Any) -> None:
    cart = load_cart(store, snapshots, cart_id)
    events = getattr(cart, command)(**args)
    store.append(cart_id, events, expected_version=cart.version)
    before = cart.version
    for event in events:
        cart.apply(event)
    # Snapshot only after the append succeeded, and whenever a multiple of SNAPSHOT_EVERY was crossed: a command
    # may emit several events and jump over the exact multiple.
    if cart.version // SNAPSHOT_EVERY > before // SNAPSHOT_EVERY:
        snapshots.save(cart_id, snapshot_of(cart))
