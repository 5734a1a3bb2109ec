"""Acceptance check: carts and reports built over version 1 and version 2 events are right, every reader of the
store sees only version 2, and not one stored event is changed."""

from __future__ import annotations

import copy
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module


def old_event(sku: str, qty: int) -> dict[str, Any]:
    """An ItemAdded exactly as the code before the release wrote it: no schema number, no price."""
    return {"type": "ItemAdded", "sku": sku, "qty": qty}


def store_from_before_the_release(module: ModuleType) -> Any:
    store = module.EventStore()
    store.append("old-cart", [old_event("lamp", 2), old_event("desk", 1)], expected_version=0)
    store.append("mixed-cart", [old_event("chair", 1)], expected_version=0)
    return store


def test_an_old_cart_opens_priced_as_it_was_sold(answer: Path) -> None:
    module = load_module(answer)
    cart = module.load_cart(store_from_before_the_release(module), "old-cart")
    assert cart.items == {"lamp": 2, "desk": 1}
    assert cart.total_cents == 2 * 2500 + 12000, "version 1 items are priced from PRICES_BEFORE_V2"
    assert cart.version == 2


def test_a_cart_that_spans_the_release_takes_new_commands(answer: Path) -> None:
    module = load_module(answer)
    store = store_from_before_the_release(module)
    module.handle(store, "mixed-cart", "add_item", sku="lamp", qty=1)
    cart = module.load_cart(store, "mixed-cart")
    assert cart.items == {"chair": 1, "lamp": 1}
    assert cart.total_cents == 4500 + 2900, "the old chair at its old price, the new lamp at today's catalog price"


def test_the_revenue_report_rebuilds_over_the_whole_history(answer: Path) -> None:
    module = load_module(answer)
    store = store_from_before_the_release(module)
    module.handle(store, "new-cart", "add_item", sku="lamp", qty=3)
    assert module.revenue_by_sku(store) == {"lamp": 2 * 2500 + 3 * 2900, "desk": 12000, "chair": 4500}


def test_every_reader_of_the_store_sees_only_version_2(answer: Path) -> None:
    module = load_module(answer)
    store = store_from_before_the_release(module)
    module.handle(store, "new-cart", "add_item", sku="shelf", qty=1)
    read = [event for stream_id in ("old-cart", "mixed-cart", "new-cart") for event in store.load(stream_id)]
    read += [event for _, event in store.read_all()]
    old = [event for event in read if event["type"] == "ItemAdded" and event.get("schema") != 2]
    assert not old, (
        f"the store handed out {len(old)} version 1 events, e.g. {old[0]}: upcast where events are read, so a "
        "projection written next year cannot forget the old schema (patching each reader does not scale)"
    )
    assert all(isinstance(event["price_cents"], int) for event in read if event["type"] == "ItemAdded")


def test_stored_events_are_never_rewritten(answer: Path) -> None:
    module = load_module(answer)
    store = store_from_before_the_release(module)
    before = copy.deepcopy(dict(store.streams))
    module.load_cart(store, "old-cart")
    module.handle(store, "mixed-cart", "add_item", sku="desk", qty=1)
    module.revenue_by_sku(store)
    after = dict(store.streams)
    after["mixed-cart"] = after["mixed-cart"][:1]  # the one event this test appended is new, not rewritten
    assert after == before, (
        "a stored event changed: events are facts, so the upcaster must return a new event and leave the stored "
        "one exactly as it was written (in memory, `load` hands out the stored dicts themselves)"
    )


@pytest.mark.starter_passes
def test_new_events_keep_the_price_they_were_sold_at(answer: Path) -> None:
    module = load_module(answer)
    store = module.EventStore()
    module.handle(store, "new-cart", "add_item", sku="lamp", qty=1)
    assert module.load_cart(store, "new-cart").total_cents == 2900, "a version 2 event is already current"
    assert store.streams["new-cart"][0]["schema"] == 2
