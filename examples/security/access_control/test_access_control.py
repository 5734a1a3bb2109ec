"""Authentication, RBAC, ABAC, object-level authorization and TOTP, each with a test that could fail."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.security.access_control.app import create_app
from examples.security.access_control.policy import Invoice, User, can_approve, permissions_of
from examples.security.access_control.totp import TotpVerifier, totp


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_no_token_is_401(client):
    response = client.get("/invoices/101")
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


# --8<-- [start:bola]
def test_owner_reads_own_invoice(client):
    assert client.get("/invoices/101", headers=auth("tok-ada")).status_code == 200


def test_bola_another_customers_invoice_is_not_found(client):
    # Bob is authenticated and holds the right role; only the object-level check stops him.
    assert client.get("/invoices/101", headers=auth("tok-bob")).status_code == 404


def test_accountant_may_read_any_invoice(client):
    assert client.get("/invoices/101", headers=auth("tok-cy")).status_code == 200


def test_rbac_customer_cannot_reach_admin_route(client):
    assert client.get("/admin/users", headers=auth("tok-ada")).status_code == 403
    assert client.get("/admin/users", headers=auth("tok-dee")).status_code == 200


def test_rbac_admin_cannot_approve_money(client):
    assert client.post("/invoices/101/approve", headers=auth("tok-dee")).status_code == 403


# --8<-- [end:bola]


def test_accountant_approves_in_own_department(client):
    assert client.post("/invoices/102/approve", headers=auth("tok-cy")).json() == {"status": "approved"}


# --8<-- [start:abac_tests]
ACCOUNTANT = User(3, frozenset({"accountant"}), department="sales", mfa=False)


@pytest.mark.parametrize(
    ("invoice", "user", "allowed"),
    [
        (Invoice(1, owner_id=9, department="sales", amount_cents=500), ACCOUNTANT, True),
        (Invoice(2, owner_id=9, department="hr", amount_cents=500), ACCOUNTANT, False),  # other department
        (Invoice(3, owner_id=3, department="sales", amount_cents=500), ACCOUNTANT, False),  # own invoice
        (Invoice(4, owner_id=9, department="sales", amount_cents=2_000_000), ACCOUNTANT, False),  # needs MFA
        (
            Invoice(5, owner_id=9, department="sales", amount_cents=2_000_000),
            User(3, frozenset({"accountant"}), "sales", mfa=True),
            True,
        ),
    ],
)
def test_abac_approval_rules(invoice, user, allowed):
    assert can_approve(user, invoice) is allowed


# --8<-- [end:abac_tests]


def test_log_out_everywhere_revokes_every_token_of_that_user(client):
    assert client.get("/invoices/101", headers=auth("tok-ada-phone")).status_code == 200
    assert client.delete("/sessions", headers=auth("tok-ada")).status_code == 204
    assert client.get("/invoices/101", headers=auth("tok-ada-phone")).status_code == 401  # the other device too
    assert client.get("/invoices/101", headers=auth("tok-ada")).status_code == 401
    assert client.get("/invoices/102", headers=auth("tok-bob")).status_code == 200  # nobody else's


def test_each_app_has_its_own_token_store():
    create_app().state.tokens.clear()
    assert TestClient(create_app()).get("/invoices/101", headers=auth("tok-ada")).status_code == 200


def test_unknown_role_grants_nothing():
    assert permissions_of(User(8, frozenset({"superuser"}))) == frozenset()


# --8<-- [start:totp_tests]
RFC6238_SECRET = b"12345678901234567890"  # the SHA-1 test key from RFC 6238, appendix B


@pytest.mark.parametrize(
    ("unix_time", "expected"), [(59, "94287082"), (1111111109, "07081804"), (2000000000, "69279037")]
)
def test_totp_matches_rfc6238_test_vectors(unix_time, expected):
    assert totp(RFC6238_SECRET, unix_time, digits=8) == expected


def test_totp_code_is_accepted_once_and_only_near_its_time():
    verifier = TotpVerifier(RFC6238_SECRET)
    code = totp(RFC6238_SECRET, 1_700_000_000)  # step 56666666, which ends at 1_700_000_010
    assert verifier.verify(code, 1_700_000_000 + 20)  # typed late: the previous step is still accepted
    assert not verifier.verify(code, 1_700_000_000 + 20)  # replay refused
    assert not TotpVerifier(RFC6238_SECRET).verify(code, 1_700_000_000 + 60)  # two steps late
    assert not TotpVerifier(RFC6238_SECRET).verify(code, 1_700_000_000 - 30)  # a code from the future


def test_an_older_code_is_refused_once_a_newer_one_was_used():
    verifier = TotpVerifier(RFC6238_SECRET)
    older, newer = totp(RFC6238_SECRET, 1_700_000_000), totp(RFC6238_SECRET, 1_700_000_030)
    assert verifier.verify(newer, 1_700_000_030)
    assert not verifier.verify(older, 1_700_000_030)  # still inside the window, but its step is spent


# --8<-- [end:totp_tests]
