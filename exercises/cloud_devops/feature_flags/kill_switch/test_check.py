"""Acceptance check: the kill switch turns a feature off for everyone, allow list included, and no flag problem
(service down, flag deleted, a broken definition, a value of the wrong type) raises into the request."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

STAFF = "staff-7"


def recommendations(module: Any, enabled: bool, allow: Mapping[str, str] | None = None) -> Any:
    return module.Flag(
        variants={"on": True, "off": False},
        default_variant="on",
        off_variant="off",
        enabled=enabled,
        allow={STAFF: "on", "beta-42": "on"} if allow is None else allow,
    )


def evaluate(answer: Path, flags: Any, key: str = "recommendations", default: object = False, user: str = "u1") -> Any:
    module = load_module(answer)
    source = flags if callable(flags) else (lambda: flags)
    return module.evaluate(source, key, default, user)


@pytest.mark.parametrize("user", [STAFF, "beta-42"])
def test_the_kill_switch_turns_it_off_for_the_allow_list_too(answer: Path, user: str) -> None:
    module = load_module(answer)
    result = evaluate(answer, {"recommendations": recommendations(module, enabled=False)}, user=user, default=True)
    assert (result.value, result.reason) == (False, "DISABLED"), f"{user} still gets recommendations after the kill"


@pytest.mark.starter_passes
def test_the_kill_switch_turns_it_off_for_other_customers(answer: Path) -> None:
    module = load_module(answer)
    result = evaluate(answer, {"recommendations": recommendations(module, enabled=False)}, default=True)
    assert (result.value, result.reason) == (False, "DISABLED")


@pytest.mark.starter_passes
def test_while_enabled_the_allow_list_and_default_apply(answer: Path) -> None:
    module = load_module(answer)
    flag = recommendations(module, enabled=True, allow={STAFF: "off"})
    staff, customer = (evaluate(answer, {"recommendations": flag}, user=u) for u in (STAFF, "u1"))
    assert (staff.value, staff.reason) == (False, "TARGETING_MATCH")
    assert (customer.value, customer.reason) == (True, "STATIC")


def test_the_flag_service_being_down_gives_the_default(answer: Path) -> None:
    def down() -> Mapping[str, Any]:
        raise ConnectionError("flags.internal: connection refused")

    for default in (False, True):
        result = evaluate(answer, down, default=default)
        assert (result.value, result.reason) == (default, "ERROR")


def test_a_deleted_flag_gives_the_default(answer: Path) -> None:
    result = evaluate(answer, {}, default=False)
    assert (result.value, result.reason) == (False, "ERROR")


def test_a_broken_definition_gives_the_default(answer: Path) -> None:
    module = load_module(answer)
    broken = module.Flag(variants={"on": True}, default_variant="enabled", off_variant="off")  # no such variant
    result = evaluate(answer, {"recommendations": broken}, default=False)
    assert (result.value, result.reason) == (False, "ERROR")


def test_a_value_of_the_wrong_type_gives_the_default(answer: Path) -> None:
    module = load_module(answer)
    wrong = module.Flag(variants={"on": "true", "off": "false"}, default_variant="on", off_variant="off")
    result = evaluate(answer, {"recommendations": wrong}, default=False)
    assert (result.value, result.reason) == (False, "ERROR"), "the string 'false' is truthy: never serve it as a bool"
