"""Acceptance check: each_like checks every item of a list, enforces its minimum, and feeds the stub; like() and
plain values keep their meaning."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

SUMMARY = {"id": 1, "status": "paid", "total_cents": 1999}


def matchers(answer: Path) -> ModuleType:
    return load_module(answer)


def history_contract(module: ModuleType, min_items: int = 1) -> dict[str, object]:
    template = {"id": module.like(1), "status": module.like("paid"), "total_cents": module.like(1999)}
    return {"orders": module.each_like(template, min_items=min_items)}


def test_every_order_in_the_list_is_checked(answer: Path) -> None:
    module = matchers(answer)
    legacy = {"id": 2, "status": "shipped", "amount": 4500}  # an old order: no total_cents
    problems = module.mismatches(history_contract(module), {"orders": [SUMMARY, legacy, SUMMARY]})
    assert problems == ["$.orders[1].total_cents: missing"], (
        f"got {problems}: the second order lacks total_cents, and verification must say where"
    )


def test_every_item_is_checked_for_type(answer: Path) -> None:
    module = matchers(answer)
    bad = dict(SUMMARY, status=3)
    problems = module.mismatches(history_contract(module), {"orders": [SUMMARY, SUMMARY, bad]})
    assert len(problems) == 1 and problems[0].startswith("$.orders[2].status"), problems


def test_the_minimum_is_enforced(answer: Path) -> None:
    module = matchers(answer)
    assert module.mismatches(history_contract(module), {"orders": []}), "each_like needs at least one item by default"
    assert module.mismatches(history_contract(module, min_items=2), {"orders": [SUMMARY]}), "min_items=2, one given"
    assert module.mismatches(history_contract(module, min_items=2), {"orders": [SUMMARY, SUMMARY]}) == []


@pytest.mark.starter_passes
def test_a_list_of_any_length_above_the_minimum_matches(answer: Path) -> None:
    module = matchers(answer)
    for count in (1, 2, 5):
        assert module.mismatches(history_contract(module), {"orders": [SUMMARY] * count}) == []


@pytest.mark.starter_passes
def test_something_that_is_not_a_list_does_not_match(answer: Path) -> None:
    module = matchers(answer)
    for value in ({"0": SUMMARY}, "orders", None):
        assert module.mismatches(history_contract(module), {"orders": value}), f"{value!r} is not a list"


def test_the_stub_answers_with_the_minimum_number_of_examples(answer: Path) -> None:
    module = matchers(answer)
    assert module.reify(history_contract(module, min_items=2)) == {"orders": [SUMMARY, SUMMARY]}


@pytest.mark.starter_passes
def test_like_and_plain_values_keep_their_meaning(answer: Path) -> None:
    module = matchers(answer)
    assert module.mismatches({"n": module.like(1)}, {"n": 99, "extra": True}) == []
    assert module.mismatches({"n": module.like(1)}, {"n": "99"})
    assert module.mismatches({"id": 42}, {"id": 43})
    assert module.reify({"id": 42, "status": module.like("paid")}) == {"id": 42, "status": "paid"}
