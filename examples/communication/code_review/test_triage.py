"""The triage notes the code review lesson describes."""

from __future__ import annotations

from examples.communication.code_review.triage import parse_diff, triage

# --8<-- [start:diff]
SMALL_FIX = """\
diff --git a/app/orders.py b/app/orders.py
--- a/app/orders.py
+++ b/app/orders.py
@@ -8,3 +8,3 @@ from app.models import Order
 def total(order: Order) -> int:
     \"\"\"The order's total in cents.\"\"\"
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
@@ -4,2 +4,3 @@ import os
 ISSUER = "https://login.example.com"
+STRIPE_API_KEY = "sk_live_0123456789abcdef"
 AUDIENCE = "orders"
--- /dev/null
+++ b/app/migrations/0042_add_refunds.py
@@ -0,0 +1,1 @@
+operations = []
"""

# A removed SQL comment starts `--- `, an added `++i` starts `+++`: both look like file headers.
LOOKALIKES = """\
--- a/db/report.sql
+++ b/db/report.sql
@@ -1,3 +1,3 @@
--- monthly totals
+++i in the loop counter
 SELECT month, sum(total) FROM orders GROUP BY month;
-- trailing note
+-- trailing note, reworded
--- a/app/old.py
+++ /dev/null
@@ -1,2 +0,0 @@
-def old():
-    pass
"""


def test_parse_counts_lines_per_file_and_numbers_them_in_the_new_file() -> None:
    files = parse_diff(SMALL_FIX)
    assert [(f.path, f.added, f.removed) for f in files] == [("app/orders.py", 1, 1), ("tests/test_orders.py", 2, 0)]
    assert [number for number, _ in files[0].added_lines] == [10]
    assert [number for number, _ in files[1].added_lines] == [2, 3]


def test_hunk_counts_decide_what_a_line_is() -> None:
    files = parse_diff(LOOKALIKES)
    assert [(f.path, f.added, f.removed) for f in files] == [("db/report.sql", 2, 2), ("app/old.py", 0, 2)]
    assert files[0].added_lines == [(1, "++i in the loop counter"), (3, "-- trailing note, reworded")]


def test_small_tested_fix_needs_no_notes() -> None:
    assert triage(SMALL_FIX) == []


def test_code_without_tests_is_flagged() -> None:
    untested = SMALL_FIX.split("diff --git a/tests")[0]
    assert triage(untested) == ["tests: code changed but no test file did; ask how the change is verified"]


def test_secret_migration_and_auth_are_flagged_blocker_first() -> None:
    notes = triage(RISKY)
    assert notes[0].startswith("blocker: a literal credential (API_KEY) is added at app/auth/tokens.py:5;")
    assert "sk_live" not in " ".join(notes), "the note must not repeat the credential"
    assert any(n.startswith("migration: ") for n in notes)
    assert any(n.startswith("auth: ") and "app/auth/tokens.py" in n for n in notes)


def test_large_diffs_are_flagged() -> None:
    body = "".join(f"+line {i}\n" for i in range(401))
    big = f"--- a/app/x.py\n+++ b/app/x.py\n@@ -0,0 +1,401 @@\n{body}--- a/tests/test_x.py\n+++ b/tests/test_x.py\n"
    big += "@@ -0,0 +1 @@\n+ok\n"
    assert triage(big) == ["size: 402 changed lines; ask to split it (review quality drops on large diffs)"]
