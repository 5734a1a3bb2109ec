"""Acceptance check: after a conflict the command is decided again on fresh state, so the per-SKU limit and the
checked-out rule hold against a concurrent writer; harmless conflicts still succeed; retries are bounded."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module

RUNAWAY = 20  # a handle that appends this often is retrying forever


def racing_store(module: ModuleType, rivals: list[list[dict[str, Any]]], forever: bool = False) -> Any:
    """An event store where another tab commits its events just before each of our appends (deterministically:
    exactly the interleaving that loses the race), for as many appends as there are rivals, or forever."""

    class RacingStore(module.EventStore):  # type: ignore[name-defined, misc]
        attempts = 0

        def append(self, stream_id: str, events: list[dict[str, Any]], expected_version: int) -> None:
            self.attempts += 1
            if self.attempts > RUNAWAY:
                raise AssertionError(f"handle tried to append {RUNAWAY} times: bound the retries")
            if rivals:
                rival = rivals[0] if forever else rivals.pop(0)
                super().append(stream_id, rival, expected_version=len(self.streams[stream_id]))
            super().append(stream_id, events, expected_version)

    return RacingStore()


def refusal(module: ModuleType, store: Any, **args: Any) -> str:
    """The rule the cart gave for refusing the command, or "" if it was accepted."""
    try:
        module.handle(store, "cart", "add_item", **args)
    except ValueError as error:
        return str(error)
    return ""


def lamps(store: Any, cart_id: str = "cart") -> int:
    return sum(event["qty"] for event in store.streams[cart_id] if event.get("sku") == "lamp")


def test_the_limit_holds_when_the_other_tab_wins_the_race(answer: Path) -> None:
    module = load_module(answer)
    store = racing_store(module, [[{"type": "ItemAdded", "sku": "lamp", "qty": 6}]])
    refused = refusal(module, store, sku="lamp", qty=6)
    assert "at most" in refused and lamps(store) == 6, (
        f"the cart holds {lamps(store)} lamps with a limit of {module.LIMIT_PER_SKU}: after a conflict the command "
        "must be decided again on the reloaded cart, not appended after the other tab's events unchecked"
    )


def test_a_cart_checked_out_in_another_tab_refuses_the_retry(answer: Path) -> None:
    module = load_module(answer)
    store = racing_store(module, [[{"type": "CheckedOut"}]])
    store.streams["cart"].append({"type": "ItemAdded", "sku": "desk", "qty": 1})  # before the race begins
    refused = refusal(module, store, sku="lamp", qty=1)
    assert "checked out" in refused and store.streams["cart"][-1]["type"] == "CheckedOut", (
        "the other tab checked the cart out, yet the retry added a lamp after CheckedOut: decide again on the "
        "reloaded cart, whose rules refuse it"
    )


def test_retries_stop_after_max_attempts(answer: Path) -> None:
    module = load_module(answer)
    store = racing_store(module, [[{"type": "ItemAdded", "sku": "desk", "qty": 1}]], forever=True)
    with pytest.raises(module.ConcurrencyError):
        module.handle(store, "cart", "add_item", sku="lamp", qty=1)
    assert store.attempts == module.MAX_ATTEMPTS, (
        f"handle tried {store.attempts} appends under constant contention; make it {module.MAX_ATTEMPTS} in all, "
        "then let the ConcurrencyError reach the caller"
    )
    assert lamps(store) == 0


@pytest.mark.starter_passes
def test_a_conflict_that_breaks_no_rule_succeeds_on_retry(answer: Path) -> None:
    module = load_module(answer)
    store = racing_store(module, [[{"type": "ItemAdded", "sku": "desk", "qty": 1}]])
    module.handle(store, "cart", "add_item", sku="lamp", qty=6)
    assert module.Cart.replay(store.load("cart")).items == {"desk": 1, "lamp": 6}, (
        "a conflict with a harmless write must not fail the user's request: retry it"
    )


@pytest.mark.starter_passes
def test_without_contention_the_rules_still_apply(answer: Path) -> None:
    module = load_module(answer)
    store = module.EventStore()
    module.handle(store, "cart", "add_item", sku="lamp", qty=10)
    with pytest.raises(ValueError, match="at most"):
        module.handle(store, "cart", "add_item", sku="lamp", qty=1)
    assert lamps(store) == 10
