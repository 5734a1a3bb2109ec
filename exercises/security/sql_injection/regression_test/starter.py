"""Exercise: the regression test that stayed green.

Symptom: `find_user` was made injection-proof last spring, and the fix came with the test below. This month a
refactor put the f-string back (it looks like `examples/security/sql_injection/vulnerable.py` again) and the
test stayed green. A month earlier someone "hardened" the fixed version by doubling quotes before binding the
value, and customers with an apostrophe in their email, such as o'brien@example.com, could no longer sign in:
green again.

Diagnose it with the check (`make exercise ID=security/sql_injection/regression_test`): it runs your test against
the fixed lookup, which must pass, and against broken versions, each of which your test must fail.

Fix: make `check_find_user` fail (raise) for a lookup that is injectable or that mangles legitimate input, and
pass for the parameterized one. Build the data it needs on a fresh shop.
"""

import sqlite3
from collections.abc import Callable

from examples.security.sql_injection.shop_db import create_shop

Lookup = Callable[[sqlite3.Connection, str], list[tuple]]


def check_find_user(find_user: Lookup) -> None:
    """Raise if `find_user` is injectable or broken; return quietly if it is sound."""
    conn = create_shop()
    assert find_user(conn, "bob@example.com") == [(2, "bob@example.com")]
