"""The triage notes the code review lesson describes."""

from __future__ import annotations

from examples.communication.code_review.triage import parse_diff, triage

# --8<-- [start:diff]
SMALL_FIX = """\
diff --git a/app/orders.py b/app/orders.py
--- a/app/orders.py
+++ b/app/orders.py
@@ -10,3 +10,3 @@ def total(order):
-    return sum(line.price for line in order.lines)
+    return sum(line.price * line.quantity for line in order.lines)
diff --git a/tests/test_orders.py b/tests/test_orders.py
--- a/tests/test_orders.py
+++ b/tests/test_orders.py
@@ -1,0 +2,2 @@
+def test_total_counts_quantity():
+    assert total(order_with(price=5, quantity=3)) == 15
"""
# --8<-- [end:diff]

RISKY = """\
--- a/app/auth/tokens.py
+++ b/app/auth/tokens.py
@@ -1,1 +1,2 @@
+STRIPE_API_KEY = "sk_live_0123456789abcdef"
--- /dev/null
+++ b/app/migrations/0042_add_refunds.py
@@ -0,0 +1,1 @@
+operations = []
"""


def test_parse_counts_lines_per_file() -> None:
    files = parse_diff(SMALL_FIX)
    assert [(f.path, f.added, f.removed) for f in files] == [("app/orders.py", 1, 1), ("tests/test_orders.py", 2, 0)]


def test_small_tested_fix_needs_no_notes() -> None:
    assert triage(SMALL_FIX) == []


def test_code_without_tests_is_flagged() -> None:
    untested = SMALL_FIX.split("diff --git a/tests")[0]
    assert triage(untested) == ["tests: code changed but no test file did; ask how the change is verified"]


def test_secret_migration_and_auth_are_flagged_blocker_first() -> None:
    notes = triage(RISKY)
    assert notes[0].startswith("blocker: a literal credential")
    assert any(n.startswith("migration: ") for n in notes)
    assert any(n.startswith("auth: ") and "app/auth/tokens.py" in n for n in notes)


def test_large_diffs_are_flagged() -> None:
    body = "".join(f"+line {i}\n" for i in range(401))
    big = f"--- a/app/x.py\n+++ b/app/x.py\n{body}--- a/tests/test_x.py\n+++ b/tests/test_x.py\n+ok\n"
    assert triage(big) == ["size: 402 changed lines; ask to split it (review quality drops on large diffs)"]
