"""Acceptance check: the FIN-88 scenarios use the team's step vocabulary, all pass against an export that
follows finance's four rules, and each plausible misreading of those rules fails at least one of them.

A scenario that passes against both the right export and a wrong one has not pinned the rule down: it is
the written form of "we'll know it when we see it".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")
RATES_TO_EUR = {"EUR": Decimal("1"), "USD": Decimal("0.92"), "GBP": Decimal("1.17")}


@dataclass(frozen=True)
class Order:
    id: str
    amount: Decimal
    currency: str
    status: str  # paid | pending | failed
    at: datetime  # when it was paid (or when the payment attempt started)
    refunded_at: datetime | None = None


Export = Callable[[list[Order], str], dict[str, tuple[Decimal, str]]]


def month_bounds(month: str, zone: ZoneInfo | type[UTC] = BERLIN) -> tuple[datetime, datetime]:
    year, number = map(int, month.split("-"))
    start = datetime(year, number, 1, tzinfo=zone)  # type: ignore[arg-type]
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=zone)  # type: ignore[arg-type]
    return start, end


def agreed(orders: list[Order], month: str) -> dict[str, tuple[Decimal, str]]:
    """Finance's four rules: Berlin's calendar month, own currency, paid only, refunds stay."""
    start, end = month_bounds(month)
    return {o.id: (o.amount, o.currency) for o in orders if o.status == "paid" and start <= o.at < end}


def utc_months(orders: list[Order], month: str) -> dict[str, tuple[Decimal, str]]:
    start, end = month_bounds(month, UTC)
    return {o.id: (o.amount, o.currency) for o in orders if o.status == "paid" and start <= o.at < end}


def midnight_to_previous_month(orders: list[Order], month: str) -> dict[str, tuple[Decimal, str]]:
    start, end = month_bounds(month)
    return {o.id: (o.amount, o.currency) for o in orders if o.status == "paid" and start < o.at <= end}


def converted_to_euros(orders: list[Order], month: str) -> dict[str, tuple[Decimal, str]]:
    return {k: ((a * RATES_TO_EUR[c]).quantize(Decimal("0.01")), "EUR") for k, (a, c) in agreed(orders, month).items()}


def pending_included(orders: list[Order], month: str) -> dict[str, tuple[Decimal, str]]:
    return agreed([replace(o, status="paid") if o.status == "pending" else o for o in orders], month)


def failed_included(orders: list[Order], month: str) -> dict[str, tuple[Decimal, str]]:
    return agreed([replace(o, status="paid") if o.status == "failed" else o for o in orders], month)


def refunds_dropped(orders: list[Order], month: str) -> dict[str, tuple[Decimal, str]]:
    return agreed([o for o in orders if o.refunded_at is None], month)


MISREADINGS: dict[str, Export] = {
    "an export that counts months in UTC": utc_months,
    "an export that puts a payment at exactly midnight in the previous month": midnight_to_previous_month,
    "an export that converts every amount to euros": converted_to_euros,
    "an export that includes pending payments": pending_included,
    "an export that includes failed payments": failed_included,
    "an export that leaves out refunded orders": refunds_dropped,
}

# ---- a small runner for the team's step vocabulary ------------------------------------------------------

AMOUNT = r"(\d+\.\d{2}) ([A-Z]{3})"
PAID = re.compile(rf"an order (\w+) paid at (\S+) for {AMOUNT}")
UNPAID = re.compile(rf"an order (\w+) whose payment is (pending|failed) since (\S+) for {AMOUNT}")
REFUNDED = re.compile(r"order (\w+) was refunded at (\S+)")
EXPORTS = re.compile(r"finance exports (\d{4}-\d{2})")
CONTAINS = re.compile(rf"the export contains order (\w+) for {AMOUNT}")
ABSENT = re.compile(r"the export does not contain order (\w+)")
VOCABULARY = {"given": (PAID, UNPAID, REFUNDED), "when": (EXPORTS,), "then": (CONTAINS, ABSENT)}


@dataclass
class Scenario:
    name: str
    steps: list[tuple[str, str]]  # (given | when | then, text)


def parse(text: str) -> tuple[list[Scenario], list[str]]:
    scenarios: list[Scenario] = []
    errors: list[str] = []
    kind = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("Feature:"):
            continue
        if line.startswith("Scenario:"):
            scenarios.append(Scenario(line.removeprefix("Scenario:").strip(), []))
            kind = ""
            continue
        keyword, _, rest = line.partition(" ")
        keyword = keyword.lower()
        kind = kind if keyword in ("and", "but") else keyword
        if not scenarios or kind not in VOCABULARY:
            errors.append(f"line {number}: {line[:70]!r} is not a step inside a scenario")
        elif not any(pattern.fullmatch(rest.strip()) for pattern in VOCABULARY[kind]):
            errors.append(f"line {number}: no step definition matches {line[:70]!r}")
        else:
            scenarios[-1].steps.append((kind, rest.strip()))
    for scenario in scenarios:
        kinds = {k for k, _ in scenario.steps}
        if not {"when", "then"} <= kinds:
            errors.append(f"scenario {scenario.name!r} needs a When and a Then, or it checks nothing")
    return scenarios, errors


def passes(scenario: Scenario, export: Export) -> bool:
    orders: dict[str, Order] = {}
    result: dict[str, tuple[Decimal, str]] = {}
    for kind, text in scenario.steps:
        if kind == "given":
            given(orders, text)
        elif match := EXPORTS.fullmatch(text):
            result = export(list(orders.values()), match[1])
        elif not holds(text, result):
            return False
    return True


def given(orders: dict[str, Order], text: str) -> None:
    if match := PAID.fullmatch(text):
        orders[match[1]] = Order(match[1], Decimal(match[3]), match[4], "paid", datetime.fromisoformat(match[2]))
    elif match := UNPAID.fullmatch(text):
        orders[match[1]] = Order(match[1], Decimal(match[4]), match[5], match[2], datetime.fromisoformat(match[3]))
    elif match := REFUNDED.fullmatch(text):
        assert match[1] in orders, f"order {match[1]} is refunded before a Given step creates it"
        orders[match[1]] = replace(orders[match[1]], refunded_at=datetime.fromisoformat(match[2]))


def holds(then: str, result: dict[str, tuple[Decimal, str]]) -> bool:
    if match := CONTAINS.fullmatch(then):
        return result.get(match[1]) == (Decimal(match[2]), match[3])
    match = ABSENT.fullmatch(then)
    return match is not None and match[1] not in result


def scenarios_of(answer: Path) -> list[Scenario]:
    scenarios, _ = parse(answer.read_text(encoding="utf-8"))
    return scenarios


@pytest.mark.starter_passes
def test_every_step_is_in_the_vocabulary(answer: Path) -> None:
    scenarios, errors = parse(answer.read_text(encoding="utf-8"))
    assert scenarios, "no scenarios"
    assert not errors, "\n".join(errors)


@pytest.mark.starter_passes
def test_every_scenario_holds_for_the_agreed_rules(answer: Path) -> None:
    failing = [s.name for s in scenarios_of(answer) if not passes(s, agreed)]
    assert not failing, f"these scenarios contradict what finance agreed: {failing}"


def test_each_misreading_fails_a_scenario(answer: Path) -> None:
    scenarios = scenarios_of(answer)
    uncaught = [what for what, export in MISREADINGS.items() if all(passes(s, export) for s in scenarios)]
    assert not uncaught, (
        "every scenario still passes against " + "; against ".join(uncaught) + ". Add a scenario for each, "
        "at the edge where that mistake shows"
    )
