"""Acceptance check: only admins delete invoices. Every other caller gets 403 whatever the invoice, the headers or
the query say, and learns nothing about which ids exist; an admin gets 204, then 404 for an id that is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

ALICE = {"Authorization": "Bearer token-alice"}  # customer, owns invoices 1 and 3
BOB = {"Authorization": "Bearer token-bob"}  # customer, owns invoice 2
FIONA = {"Authorization": "Bearer token-fin"}  # admin


def api(answer: Path) -> TestClient:
    return TestClient(load_module(answer).create_app())


def test_an_owner_who_is_a_customer_cannot_delete(answer: Path) -> None:
    client = api(answer)
    assert client.delete("/v1/invoices/3", headers=ALICE).status_code == 403, "deleting needs the admin role"
    assert client.get("/v1/invoices/3", headers=ALICE).status_code == 200, "the invoice must still be there"


def test_customers_get_the_same_403_for_every_id(answer: Path) -> None:
    client = api(answer)
    statuses = {path: client.delete(path, headers=BOB).status_code for path in ("/v1/invoices/1", "/v1/invoices/99")}
    assert statuses == {"/v1/invoices/1": 403, "/v1/invoices/99": 403}, (
        "check the role before looking the invoice up, so a refusal does not reveal whether an id exists"
    )
    assert len(client.app.state.invoices) == 3


def test_claims_the_client_makes_about_itself_change_nothing(answer: Path) -> None:
    client = api(answer)
    for trick in ({"X-Role": "admin"}, {"X-User-Role": "admin"}, {"X-Admin": "true"}):
        assert client.delete("/v1/invoices/3", headers=ALICE | trick).status_code == 403, (
            f"with {trick}, a customer must still get 403"
        )
    assert client.delete("/v1/invoices/3?role=admin", headers=ALICE).status_code == 403
    assert len(client.app.state.invoices) == 3


def test_an_admin_deletes_any_invoice(answer: Path) -> None:
    client = api(answer)
    assert client.delete("/v1/invoices/2", headers=FIONA).status_code == 204, "an admin may delete any invoice"
    assert client.get("/v1/invoices/2", headers=FIONA).status_code == 404
    assert client.delete("/v1/invoices/2", headers=FIONA).status_code == 404
    assert client.delete("/v1/invoices/99", headers=FIONA).status_code == 404


@pytest.mark.starter_passes
def test_reads_keep_their_object_level_check(answer: Path) -> None:
    client = api(answer)
    assert client.get("/v1/invoices/2", headers=ALICE).status_code == 404
    assert client.get("/v1/invoices/2", headers=BOB).status_code == 200
    assert client.get("/v1/invoices/2", headers=FIONA).status_code == 200
    assert client.delete("/v1/invoices/2").status_code == 401
