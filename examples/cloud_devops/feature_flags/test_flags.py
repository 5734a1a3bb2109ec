"""The evaluator's claims: sticky and independent buckets, rollouts that only grow, the kill switch first,
targeting before the rollout, and errors that return the caller's default with a reason."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from examples.cloud_devops.feature_flags.flags import (
    BUCKETS,
    ErrorCode,
    Flag,
    FlagClient,
    Reason,
    Rule,
    bucket,
    split,
)
from examples.cloud_devops.feature_flags.shipping import FLAT_RATE_CENTS, shipping_cents

ROOT = Path(__file__).resolve().parents[3]
USERS = [f"user-{n}" for n in range(20_000)]


def checkout_flag(percent_on: int, enabled: bool = True) -> Flag:
    return Flag(
        key="new-checkout",
        variants={"on": True, "off": False},
        default_variant="off",
        off_variant="off",
        enabled=enabled,
        rules=(Rule("email_domain", frozenset({"example.com"}), "on"),),  # staff see it first
        rollout=(("on", percent_on), ("off", 100 - percent_on)),
    )


def client(*flags: Flag) -> FlagClient:
    return FlagClient(lambda: {flag.key: flag for flag in flags})


def users_on(flag: Flag) -> set[str]:
    flags = client(flag)
    return {user for user in USERS if flags.value(flag.key, False, {"targetingKey": user})}


def test_the_rollout_serves_about_the_configured_share() -> None:
    for percent in (1, 10, 50):
        share = len(users_on(checkout_flag(percent))) / len(USERS)
        assert abs(share - percent / 100) < 0.01, (percent, share)


def test_raising_the_percentage_keeps_everyone_who_was_already_in() -> None:
    ten, twenty_five, hundred = (users_on(checkout_flag(p)) for p in (10, 25, 100))
    assert ten < twenty_five < hundred  # strict subsets: nobody flips back to the old checkout
    assert hundred == set(USERS)


def test_reordering_the_variants_reshuffles_users() -> None:
    """The claim in split's docstring: order matters, so it is part of the flag's definition."""
    flag = checkout_flag(50)
    reordered = Flag(**{**flag.__dict__, "rollout": (("off", 50), ("on", 50))})
    before, after = users_on(flag), users_on(reordered)
    assert len(before & after) < len(USERS) * 0.05  # the two halves swapped


def test_buckets_are_the_same_in_every_process() -> None:
    """Run the bucketing in fresh interpreters with different hash seeds: built-in hash() would differ."""
    code = (
        "from examples.cloud_devops.feature_flags.flags import bucket;"
        "print([bucket('new-checkout', f'user-{n}') for n in range(50)], hash('user-1'))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", code]  # our own interpreter and code: nothing untrusted
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)  # noqa: S603
        buckets, builtin = run.stdout.rsplit(" ", 1)
        outputs.append((buckets, builtin))
    assert outputs[0][0] == outputs[1][0] == str([bucket("new-checkout", f"user-{n}") for n in range(50)])
    assert outputs[0][1] != outputs[1][1]  # why the evaluator does not use hash(): it changes per process


def test_each_flag_shuffles_users_independently() -> None:
    first = {u for u in USERS if bucket("flag-a", u) < BUCKETS // 10}
    second = {u for u in USERS if bucket("flag-b", u) < BUCKETS // 10}
    overlap = len(first & second) / len(first)
    assert 0.07 < overlap < 0.13  # about 10% of flag-a's 10% also get flag-b, as independent draws would


def test_split_boundaries_are_exact() -> None:
    flag = checkout_flag(10)
    assert split(flag, 999) == "on" and split(flag, 1000) == "off"


def test_targeting_rules_come_before_the_rollout() -> None:
    flags = client(checkout_flag(0))
    staff = flags.details("new-checkout", False, {"targetingKey": "u1", "email_domain": "example.com"})
    customer = flags.details("new-checkout", False, {"targetingKey": "u1", "email_domain": "gmail.com"})
    assert (staff.value, staff.reason) == (True, Reason.TARGETING_MATCH)
    assert (customer.value, customer.reason) == (False, Reason.SPLIT)


def test_the_kill_switch_wins_over_targeting_and_rollout() -> None:
    flags = client(checkout_flag(100, enabled=False))
    for context in ({"targetingKey": "u1", "email_domain": "example.com"}, {"targetingKey": "u2"}):
        result = flags.details("new-checkout", True, context)  # even a caller whose default is True
        assert (result.value, result.variant, result.reason) == (False, "off", Reason.DISABLED)


def test_a_flag_without_rules_or_rollout_is_static() -> None:
    flag = Flag("banner", {"on": True, "off": False}, default_variant="on", off_variant="off")
    assert client(flag).details("banner", False, {}).reason is Reason.STATIC


def rollout_source() -> Mapping[str, Flag]:
    return {"new-checkout": checkout_flag(50)}


@pytest.mark.parametrize(
    ("source", "key", "default", "context", "error"),
    [
        (lambda: {}, "new-checkout", False, {"targetingKey": "u1"}, ErrorCode.FLAG_NOT_FOUND),
        (rollout_source, "new-checkout", "yes", {"targetingKey": "u1"}, ErrorCode.TYPE_MISMATCH),
        (rollout_source, "new-checkout", False, {}, ErrorCode.TARGETING_KEY_MISSING),
    ],
)
def test_problems_return_the_callers_default_with_a_reason(
    source: object, key: str, default: object, context: Mapping[str, str], error: ErrorCode
) -> None:
    result = FlagClient(source).details(key, default, context)  # type: ignore[arg-type]
    assert (result.value, result.reason, result.error) == (default, Reason.ERROR, error)


def test_an_unreachable_flag_source_does_not_fail_the_request() -> None:
    def down() -> Mapping[str, Flag]:
        raise ConnectionError("flag service unreachable")

    flags = FlagClient(down)
    assert flags.details("new-checkout", False, {"targetingKey": "u1"}).error is ErrorCode.GENERAL
    assert shipping_cents(9_000, flags, {"targetingKey": "u1"}) == FLAT_RATE_CENTS  # yesterday's behavior


# --8<-- [start:both-paths]
def free_shipping(enabled: bool) -> FlagClient:
    """A flag source pinned to one value: tests choose the path instead of depending on a live service."""
    flag = Flag("free-shipping-over-50", {"on": True, "off": False}, "on" if enabled else "off", "off")
    return FlagClient(lambda: {flag.key: flag})


@pytest.mark.parametrize(
    ("enabled", "cart", "expected"),
    [
        (False, 9_000, FLAT_RATE_CENTS),  # the old path keeps working until the flag is removed
        (False, 1_000, FLAT_RATE_CENTS),
        (True, 9_000, 0),  # the new path
        (True, 5_000, 0),  # its boundary
        (True, 4_999, FLAT_RATE_CENTS),
    ],
)
def test_shipping_on_both_paths(enabled: bool, cart: int, expected: int) -> None:
    assert shipping_cents(cart, free_shipping(enabled), {"targetingKey": "u1"}) == expected


# --8<-- [end:both-paths]
