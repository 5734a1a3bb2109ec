"""Acceptance check: large approvals need a recent MFA by the server's clock, and a session without one gets a
401 step-up challenge (RFC 9470) while nothing is approved; small approvals and the 403 rules stay as they were.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

NOW = 1_900_000_000.0  # a fixed server time in 2030, far from the real clock, so only the app's clock can decide
LARGE, SMALL = 4_000_000, 50_000


def setup(answer: Path, mfa_at: float | None, amount: int, owner: int = 9) -> tuple[TestClient, Any]:
    module: ModuleType = load_module(answer)
    accountant = module.User(3, frozenset({"accountant"}), "sales")
    invoice = module.Invoice(7, owner_id=owner, department="sales", amount_cents=amount)
    app = module.create_app({"tok": module.Session(accountant, mfa_at=mfa_at)}, {7: invoice}, clock=lambda: NOW)
    return TestClient(app), invoice


def approve(api: TestClient) -> Any:
    return api.post("/invoices/7/approve", headers={"Authorization": "Bearer tok"})


def challenge_params(header: str) -> dict[str, str]:
    scheme, _, rest = header.partition(" ")
    assert scheme.lower() == "bearer", f"the challenge uses the Bearer scheme, got {header!r}"
    return {name.lower(): value.strip('"') for name, value in re.findall(r'([\w-]+)=("[^"]*"|[^\s,]+)', rest)}


@pytest.mark.starter_passes
def test_a_small_approval_needs_no_mfa(answer: Path) -> None:
    api, invoice = setup(answer, mfa_at=None, amount=SMALL)
    assert approve(api).status_code == 200
    assert invoice.approved_by == {3}


def test_a_large_approval_without_mfa_gets_a_step_up_challenge(answer: Path) -> None:
    api, invoice = setup(answer, mfa_at=None, amount=LARGE)
    response = approve(api)
    assert response.status_code == 401, (
        f"got {response.status_code}: a refusal that a fresh second factor would lift is 401 with a challenge, not 403"
    )
    params = challenge_params(response.headers.get("www-authenticate", ""))
    assert params.get("error") == "insufficient_user_authentication", f"RFC 9470 error code, got {params}"
    assert params.get("max_age") == "300", "tell the client how recent the authentication must be (max_age)"
    assert invoice.approved_by == set(), "a challenged request must not approve anything"


def test_an_mfa_from_this_morning_is_not_recent(answer: Path) -> None:
    api, invoice = setup(answer, mfa_at=NOW - 9.5 * 3600, amount=LARGE)
    response = approve(api)
    assert response.status_code == 401, "an MFA nine hours old must not approve a large invoice"
    assert challenge_params(response.headers.get("www-authenticate", "")).get("error") == (
        "insufficient_user_authentication"
    )
    assert invoice.approved_by == set()


def test_just_outside_the_window_is_refused(answer: Path) -> None:
    api, invoice = setup(answer, mfa_at=NOW - 301, amount=LARGE)
    assert approve(api).status_code == 401, "max_age is 300 seconds: 301 seconds ago is too old"
    assert invoice.approved_by == set()


@pytest.mark.starter_passes
def test_a_fresh_mfa_approves(answer: Path) -> None:
    for seconds_ago in (0, 60, 300):
        api, invoice = setup(answer, mfa_at=NOW - seconds_ago, amount=LARGE)
        response = approve(api)
        assert response.status_code == 200, f"an MFA {seconds_ago} s ago is recent enough, got {response.text}"
        assert invoice.approved_by == {3}


@pytest.mark.starter_passes
def test_rules_no_login_can_change_stay_403(answer: Path) -> None:
    api, invoice = setup(answer, mfa_at=None, amount=LARGE, owner=3)
    response = approve(api)
    assert response.status_code == 403, (
        "approving your own invoice is refused whatever the MFA: a step-up challenge would send the user to sign "
        "in again for nothing"
    )
    assert invoice.approved_by == set()
