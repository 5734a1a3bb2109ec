"""Acceptance check: PAYLOAD makes the vulnerable lookup return exactly the admin's row on shops the answer has
never seen, and is an unknown email to the fixed lookup."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from examples.security.sql_injection import fixed, vulnerable
from exercises import load_module
from exercises.security.sql_injection.support import shop

# Three shops with the admin at a different id, under a different email, among different users: a payload that
# names one admin's id or email finds the wrong row (or none) in the others.
SHOPS = {
    "admin first": [(1, "ops-lead@corp.example", 1), (2, "kim@corp.example", 0), (3, "lee@corp.example", 0)],
    "admin in the middle": [(4, "a@b.example", 0), (7, "root-7f3@b.example", 1), (9, "z@b.example", 0)],
    "admin last": [
        (11, "mo@c.example", 0),
        (12, "jo@c.example", 0),
        (13, "it-desk@c.example", 0),
        (20, "x@c.example", 1),
    ],
}


def unseen_shop() -> list[tuple[int, str, int]]:
    """A shop made up on each run, so no email or id in this file is the admin's."""
    ids = sorted(secrets.SystemRandom().sample(range(100, 10_000), 5))
    admin = secrets.choice(ids)
    return [(i, f"{secrets.token_hex(6)}@unseen.example", int(i == admin)) for i in ids]


SHOPS["made up on this run"] = unseen_shop()


def payload(answer: Path) -> str:
    value = load_module(answer).PAYLOAD
    assert isinstance(value, str), "PAYLOAD is the text an attacker would type into the email field"
    return value


@pytest.mark.parametrize("name", SHOPS)
def test_the_payload_returns_only_the_admin(answer: Path, name: str) -> None:
    users = SHOPS[name]
    admin = next((user_id, email) for user_id, email, is_admin in users if is_admin)
    rows = vulnerable.find_user(shop(users), payload(answer))
    assert rows == [admin], (
        f"shop with the {name}: the vulnerable lookup returned {rows}; the proof needs exactly the admin's row, "
        f"{admin}, picked out by something the database knows and the attacker does not need to"
    )


@pytest.mark.starter_passes
def test_the_fixed_lookup_treats_the_payload_as_an_email(answer: Path) -> None:
    for users in SHOPS.values():
        assert fixed.find_user(shop(users), payload(answer)) == [], "through a bound parameter it is just text"
