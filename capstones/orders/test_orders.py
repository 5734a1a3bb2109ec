"""Fast tests of the orders capstone's own parts; grading the references and defects is
tests/test_capstones_matrix.py's job (it runs every capstone.yml)."""

from __future__ import annotations

from pathlib import Path

import yaml

from capstones.orders import checks
from capstones.orders.fake_provider.ledger import Behavior, Ledger

CAPSTONE = yaml.safe_load(Path(__file__).with_name("capstone.yml").read_text(encoding="utf-8"))


def test_the_grader_and_the_references_share_tokens_and_the_event_key() -> None:
    for reference in CAPSTONE["references"]:
        assert reference["env"]["API_TOKENS"] == checks.API_TOKENS
        assert reference["env"]["WEBHOOK_SECRET"] == checks.WEBHOOK_SECRET


def test_every_defect_names_a_check_of_the_suite() -> None:
    defects = yaml.safe_load(Path(__file__).with_name("defects.yml").read_text(encoding="utf-8"))
    ids = {spec.id for spec in checks.suite.checks}
    assert len(defects) >= 8
    assert {d["check"] for d in defects} <= ids


def test_provider_fails_the_first_attempts_per_order_then_charges_once() -> None:
    ledger = Ledger(behavior=Behavior(fail_first=2, fail_status=503))
    statuses = [ledger.answer("o1", "order-o1", 500)[0] for _ in range(4)]
    assert statuses == [503, 503, 201, 201]
    assert ledger.report("o1")["charges"] == 1
    assert ledger.answer("o2", "order-o2", 500)[0] == 503  # counted per order, not globally


def test_a_repeated_key_returns_the_first_charge_and_a_new_key_charges_again() -> None:
    ledger = Ledger(behavior=Behavior(fail_first=1, fail_status=500, charge_then_fail=True))
    assert ledger.answer("o1", "k1", 100)[0] == 500  # charged, but the caller is told it failed
    status, body, _ = ledger.answer("o1", "k1", 100)
    assert status == 201 and body["id"] == ledger.charges["k1"]
    assert ledger.report("o1")["charges"] == 1
    ledger.answer("o1", "k2", 100)
    assert ledger.report("o1")["charges"] == 2


def test_attempt_times_are_relative_to_the_first() -> None:
    ledger = Ledger()
    ledger.answer("o1", "k", 1)
    ledger.answer("o1", "k", 1)
    times = [a["received_at"] for a in ledger.report("o1")["attempts"]]
    assert times[0] == 0 and times[1] >= 0
