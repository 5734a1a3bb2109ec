"""State comes from replaying events, projections follow along, and concurrent writers are caught."""

from __future__ import annotations

import pytest

from examples.architecture.styles.event_sourcing import Cart, ConcurrencyError, EventStore, ItemPopularity, handle


def test_state_is_rebuilt_from_events():
    store = EventStore()
    handle(store, "cart-1", "add_item", sku="lamp", qty=1)
    handle(store, "cart-1", "add_item", sku="lamp", qty=2)
    handle(store, "cart-1", "check_out")
    cart = Cart.replay(store.load("cart-1"))
    assert cart.items == {"lamp": 3}
    assert cart.checked_out
    assert cart.version == 3


def test_rules_are_enforced_on_the_write_side():
    store = EventStore()
    with pytest.raises(ValueError, match="empty"):
        handle(store, "cart-1", "check_out")
    handle(store, "cart-1", "add_item", sku="lamp", qty=1)
    handle(store, "cart-1", "check_out")
    with pytest.raises(ValueError, match="checked out"):
        handle(store, "cart-1", "add_item", sku="desk", qty=1)
    assert len(store.load("cart-1")) == 2  # rejected commands leave no events


def test_projection_answers_a_query_the_write_model_cannot():
    store = EventStore()
    popularity = ItemPopularity()
    store.subscribers.append(popularity)
    handle(store, "c1", "add_item", sku="lamp", qty=1)
    handle(store, "c2", "add_item", sku="desk", qty=5)
    handle(store, "c3", "add_item", sku="lamp", qty=1)
    assert popularity.top(2) == [("desk", 5), ("lamp", 2)]


def test_projection_can_be_rebuilt_from_history():
    store = EventStore()
    handle(store, "c1", "add_item", sku="lamp", qty=4)
    late = ItemPopularity()  # a new read model added after the fact
    for stream_id, events in store.streams.items():
        for event in events:
            late(stream_id, event)
    assert late.top(1) == [("lamp", 4)]


def test_optimistic_concurrency_rejects_a_stale_writer():
    store = EventStore()
    handle(store, "c1", "add_item", sku="lamp", qty=1)
    stale = Cart.replay(store.load("c1"))
    handle(store, "c1", "add_item", sku="desk", qty=1)  # someone else wrote in between
    with pytest.raises(ConcurrencyError):
        store.append("c1", stale.add_item("chair", 1), expected_version=stale.version)
