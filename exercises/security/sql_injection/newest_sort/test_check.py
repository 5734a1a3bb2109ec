"""Acceptance check: `newest` sorts by id, descending; any other unknown key, SQL expression or not, is refused
with a ValueError naming the keys; no text the caller sends is ever part of the SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises import load_module
from exercises.security.sql_injection.support import RecordingConnection, shop

USERS = [(1, "ada@example.com", 1), (2, "bob@example.com", 0)]
# Added in an order that matches neither the names nor the prices, so only a sort by id gives NEWEST.
PRODUCTS = [(1, "Desk", 19900), (2, "Chair", 8900), (3, "Lamp", 2500), (4, "Bookcase", 12900)]
NEWEST = ["Bookcase", "Lamp", "Chair", "Desk"]
# The blind probe from the lesson: ordered by price if ada is an admin, by name if not.
PROBE = "(CASE WHEN (SELECT is_admin FROM users WHERE email='ada@example.com')=1 THEN price_cents ELSE name END)"


def search(answer: Path, name: str, sort: str) -> tuple[list[tuple], RecordingConnection]:
    conn = RecordingConnection(shop(USERS, PRODUCTS))
    return load_module(answer).search_products(conn, name, sort), conn


def test_newest_sorts_by_id_descending(answer: Path) -> None:
    rows, conn = search(answer, "", "newest")
    assert [name for name, _ in rows] == NEWEST, "newest first means the highest id first"
    assert conn.recorder.saw("newest") == [], "the key picks SQL written in the code; the key itself is not SQL"


@pytest.mark.parametrize("sort", ["id DESC", PROBE, "price_cents; DROP TABLE users", "NAME", "newest "])
def test_every_key_the_table_does_not_list_is_refused(answer: Path, sort: str) -> None:
    with pytest.raises(ValueError, match="newest") as refused:
        search(answer, "", sort)
    for key in ("name", "cheapest", "priciest", "newest"):
        assert key in str(refused.value), f"the error should name the allowed keys: {refused.value}"


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Bookcase", "Chair", "Desk", "Lamp"]),
        ("cheapest", ["Lamp", "Chair", "Bookcase", "Desk"]),
        ("priciest", ["Desk", "Bookcase", "Chair", "Lamp"]),
    ],
)
def test_the_old_keys_still_work(answer: Path, sort: str, expected: list[str]) -> None:
    rows, _ = search(answer, "", sort)
    assert [name for name, _ in rows] == expected


@pytest.mark.starter_passes
def test_the_search_text_stays_a_value(answer: Path) -> None:
    for text in ("zq' OR 'q'='q", "%", "_"):
        rows, _ = search(answer, text, "name")
        assert rows == [], f"{text!r} is matched as the characters themselves"
    _, conn = search(answer, "zq' OR 'q'='q", "name")
    assert conn.recorder.saw("zq") == [], "the search text was pasted into the SQL text"
