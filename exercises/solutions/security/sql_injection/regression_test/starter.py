"""A reference solution: honest input still works, input full of SQL syntax finds exactly what it names (nothing),
and an email with an apostrophe round-trips as data."""

import sqlite3
from collections.abc import Callable

from examples.security.sql_injection.shop_db import create_shop

Lookup = Callable[[sqlite3.Connection, str], list[tuple]]

# Payloads for the string-literal context: an always-true condition, a UNION that reads another column, and one
# with a comment. None of them is anyone's email, so a sound lookup returns no row for any of them.
PAYLOADS = [
    "' OR '1'='1",
    "x' UNION SELECT id, email || ' is_admin=' || is_admin FROM users --",
    "' OR is_admin = 1 --",
]


def check_find_user(find_user: Lookup) -> None:
    conn = create_shop()
    conn.execute("INSERT INTO users (id, email, is_admin) VALUES (3, ?, 0)", ("o'brien@example.com",))
    # Honest input still works: a lookup that returns nothing for everything is not a fix.
    assert find_user(conn, "bob@example.com") == [(2, "bob@example.com")]
    # A quote is data: the customer with one must still be found, neither rejected nor double-escaped.
    assert find_user(conn, "o'brien@example.com") == [(3, "o'brien@example.com")]
    for payload in PAYLOADS:
        # Exactly nothing: "fewer rows than the whole table" would pass a lookup that leaks one row at a time.
        assert find_user(conn, payload) == [], f"{payload!r} changed the query"
