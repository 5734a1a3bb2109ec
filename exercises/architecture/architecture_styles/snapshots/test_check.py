"""Acceptance check: loading an old cart applies fewer than SNAPSHOT_EVERY events, yet every load still equals a
full replay, sees events written after the snapshot, and keeps optimistic concurrency working."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module


class Counted:
    """Counts the events a cart applies and the snapshots saved, by wrapping the answer's own methods."""

    def __init__(self, module: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
        self.applied = 0
        self.saved = 0
        apply, save = module.Cart.apply, module.SnapshotStore.save

        def counting_apply(cart: Any, event: dict[str, Any]) -> None:
            self.applied += 1
            apply(cart, event)

        def counting_save(store: Any, stream_id: str, snapshot: Any) -> None:
            self.saved += 1
            save(store, stream_id, snapshot)

        monkeypatch.setattr(module.Cart, "apply", counting_apply)
        monkeypatch.setattr(module.SnapshotStore, "save", counting_save)


def daily_orders(module: ModuleType, store: Any, snapshots: Any, count: int, cart_id: str = "acme") -> None:
    """`count` commands, one event each: mostly adds, and every tenth removes what was just added."""
    for n in range(count):
        if n % 10 == 9:
            module.handle(store, snapshots, cart_id, "remove_item", sku=f"sku-{(n - 1) % 7}")
        else:
            module.handle(store, snapshots, cart_id, "add_item", sku=f"sku-{n % 7}", qty=n % 3 + 1)


def state(cart: Any) -> tuple[dict[str, int], bool, int]:
    return dict(cart.items), cart.checked_out, cart.version


def full_replay(module: ModuleType, store: Any, cart_id: str = "acme") -> tuple[dict[str, int], bool, int]:
    return state(module.Cart.replay(list(store.streams[cart_id])))


def test_an_old_cart_loads_from_its_latest_snapshot(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_module(answer)
    store, snapshots = module.EventStore(), module.SnapshotStore()
    daily_orders(module, store, snapshots, 250)
    counted = Counted(module, monkeypatch)
    cart = module.load_cart(store, snapshots, "acme")
    assert counted.applied <= 50, (
        f"loading a cart with 250 events applied {counted.applied} of them: with a snapshot every "
        f"{module.SNAPSHOT_EVERY} events, load the one taken at 200 and apply only the 50 after it"
    )
    assert state(cart) == full_replay(module, store), "a cart loaded from a snapshot must equal a full replay"


def test_snapshots_are_taken_every_hundred_events_not_on_every_command(
    answer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = load_module(answer)
    counted = Counted(module, monkeypatch)
    store, snapshots = module.EventStore(), module.SnapshotStore()
    daily_orders(module, store, snapshots, 250)
    assert 1 <= counted.saved <= 250 // module.SNAPSHOT_EVERY, (
        f"250 events saved {counted.saved} snapshots: take one each time the stream passes a multiple of "
        f"{module.SNAPSHOT_EVERY}, not on every command (that is a second write for every write)"
    )


def test_a_checked_out_cart_stays_checked_out_after_a_snapshot(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_module(answer)
    store, snapshots = module.EventStore(), module.SnapshotStore()
    for n in range(99):
        module.handle(store, snapshots, "acme", "add_item", sku=f"sku-{n % 5}", qty=1)
    module.handle(store, snapshots, "acme", "check_out")  # the 100th event
    counted = Counted(module, monkeypatch)
    cart = module.load_cart(store, snapshots, "acme")
    assert counted.applied < module.SNAPSHOT_EVERY, "the 100th event should have produced a snapshot to load from"
    assert cart.checked_out, "the snapshot lost checked_out: a snapshot holds all of the state, not just items"
    with pytest.raises(ValueError, match="checked out"):
        module.handle(store, snapshots, "acme", "add_item", sku="late", qty=1)


@pytest.mark.starter_passes
def test_every_load_equals_a_full_replay_however_often_you_load(answer: Path) -> None:
    module = load_module(answer)
    store, snapshots = module.EventStore(), module.SnapshotStore()
    done = 0
    for count in (1, 99, 100, 101, 199, 200, 201, 250, 333):
        daily_orders(module, store, snapshots, count - done)
        done = count
        first = state(module.load_cart(store, snapshots, "acme"))
        second = state(module.load_cart(store, snapshots, "acme"))
        assert first == full_replay(module, store), f"after {count} events the loaded cart differs from a replay"
        assert second == first, (
            f"after {count} events, loading twice gave different carts: the snapshot shares its dict with a cart "
            "that later applied events, so copy the state in and out of a snapshot"
        )


@pytest.mark.starter_passes
def test_events_written_after_the_snapshot_by_another_instance_are_seen(answer: Path) -> None:
    module = load_module(answer)
    store, snapshots = module.EventStore(), module.SnapshotStore()
    daily_orders(module, store, snapshots, 150)
    module.load_cart(store, snapshots, "acme")
    # Another instance of the service, with no access to this one's memory, appends straight to the store.
    for n in range(30):
        store.append("acme", [{"type": "ItemAdded", "sku": "elsewhere", "qty": 1}], expected_version=150 + n)
    cart = module.load_cart(store, snapshots, "acme")
    assert state(cart) == full_replay(module, store), "events appended after the snapshot must be applied on load"
    assert cart.items.get("elsewhere") == 30


@pytest.mark.starter_passes
def test_a_stale_writer_is_still_rejected(answer: Path) -> None:
    module = load_module(answer)
    store, snapshots = module.EventStore(), module.SnapshotStore()
    daily_orders(module, store, snapshots, 205)
    stale = module.load_cart(store, snapshots, "acme")
    module.handle(store, snapshots, "acme", "add_item", sku="other-tab", qty=1)
    with pytest.raises(module.ConcurrencyError):
        store.append("acme", stale.add_item("this-tab", 1), expected_version=stale.version)


@pytest.mark.starter_passes
def test_snapshots_stay_out_of_the_event_stream(answer: Path) -> None:
    module = load_module(answer)
    store, snapshots = module.EventStore(), module.SnapshotStore()
    daily_orders(module, store, snapshots, 250)
    kinds = {event["type"] for event in store.streams["acme"]}
    assert len(store.streams["acme"]) == 250 and kinds <= {"ItemAdded", "ItemRemoved"}, (
        "the stream holds only the events that happened: projections read it, and a snapshot is not a fact"
    )
