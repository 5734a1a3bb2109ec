"""Acceptance check: the new tax engine is the only path, whatever the flag service says or whether the flag
still exists, the code no longer evaluates the flag, and the old engine is gone."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from examples.cloud_devops.feature_flags.flags import Flag, FlagClient
from exercises import load_module

CENT = Decimal("0.01")


def orders() -> list[tuple[list[Decimal], str]]:
    """Random orders; per-line and whole-order rounding disagree on some of them (the test counts them)."""
    rng = random.Random(7)  # noqa: S311 - test data, fixed seed: the same orders in every run
    return [
        ([Decimal(rng.randint(1, 5_000)) / 100 for _ in range(rng.randint(2, 6))], rng.choice(["DE", "FR", "NL"]))
        for _ in range(40)
    ]


def expected_total(lines: list[Decimal], country: str) -> Decimal:
    rate = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}[country]
    net = sum(lines, Decimal("0.00"))
    return net + (net * rate).quantize(CENT, rounding="ROUND_HALF_EVEN")


def client_where_the_flag(state: str) -> FlagClient:
    """'deleted': someone removed it in the flag service's UI; 'off': someone switched it off; 'on': as today."""
    if state == "deleted":
        return FlagClient(lambda: {})
    flag = Flag("new-tax-engine", {"on": True, "off": False}, "on" if state == "on" else "off", "off")
    return FlagClient(lambda: {flag.key: flag})


@pytest.mark.parametrize("state", ["deleted", "off"])
def test_totals_use_the_new_engine_whatever_the_flag_service_says(answer: Path, state: str) -> None:
    module = load_module(answer)
    differing = 0
    for lines, country in orders():
        flags = client_where_the_flag(state)
        got = module.order_total(lines, country, flags, {"targetingKey": "order-1"})
        assert got == expected_total(lines, country), f"flag {state}: {lines} in {country} gave {got}"
        differing += old_engine_differs(lines, country)
    assert differing, "the test orders must include some where the two engines disagree"


def old_engine_differs(lines: list[Decimal], country: str) -> bool:
    rate = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}[country]
    per_line = sum(((line * rate).quantize(CENT, rounding="ROUND_HALF_EVEN") for line in lines), Decimal("0.00"))
    return per_line + sum(lines, Decimal("0.00")) != expected_total(lines, country)


@pytest.mark.starter_passes
def test_totals_are_unchanged_while_the_flag_is_on(answer: Path) -> None:
    module = load_module(answer)
    for lines, country in orders():
        assert module.order_total(lines, country, client_where_the_flag("on"), {}) == expected_total(lines, country)


def test_the_flag_is_no_longer_evaluated(answer: Path) -> None:
    module = load_module(answer)
    flags = client_where_the_flag("on")
    module.order_total([Decimal("10.00")], "DE", flags, {"targetingKey": "order-1"})
    asked = [key for key, _ in flags.evaluations]
    assert "new-tax-engine" not in asked, "the code still asks for new-tax-engine: the flag cannot be deleted yet"


def test_the_old_engine_is_removed(answer: Path) -> None:
    module = load_module(answer)
    assert not hasattr(module, "old_tax"), "old_tax is dead code now: delete it with the flag"
