"""Acceptance check: what each caller sees of an invoice follows their permissions, from an allow-list.

Customers and auditors get the public fields only; holders of `invoice:read:internal` also get the risk and
collections fields; a field nobody has been allowed to see is shown to nobody; the object-level check still holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

PUBLIC = {"id", "owner_id", "amount_cents", "currency", "status", "due_date"}
INTERNAL = {"risk_score", "collection_notes"}


def invoice(module: ModuleType, number: int, owner: int, cls: Any = None) -> Any:
    return (cls or module.Invoice)(
        id=number,
        owner_id=owner,
        amount_cents=48_000,
        currency="EUR",
        status="open",
        due_date="2026-12-31",
        risk_score=87,
        collection_notes="slow payer, call before the 5th",
    )


def client(module: ModuleType, invoices: dict[int, Any] | None = None) -> TestClient:
    users = {
        "tok-ada": module.User(1, frozenset({"customer"})),
        "tok-bob": module.User(2, frozenset({"customer"})),
        "tok-cy": module.User(3, frozenset({"accountant"})),
        "tok-eve": module.User(5, frozenset({"auditor"})),
    }
    invoices = invoices or {101: invoice(module, 101, owner=1)}
    return TestClient(module.create_app(users, invoices))


def fields(api: TestClient, token: str, number: int = 101) -> set[str]:
    response = api.get(f"/invoices/{number}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, f"{token} should be able to read invoice {number}"
    return set(response.json())


def test_the_owner_sees_the_public_fields_only(answer: Path) -> None:
    seen = fields(client(load_module(answer)), "tok-ada")
    assert not seen & INTERNAL, f"a customer's own invoice must not carry {sorted(seen & INTERNAL)}"
    assert seen == PUBLIC, f"a customer sees exactly {sorted(PUBLIC)}, got {sorted(seen)}"


def test_reading_any_invoice_does_not_mean_reading_internal_fields(answer: Path) -> None:
    seen = fields(client(load_module(answer)), "tok-eve")
    assert seen == PUBLIC, (
        "the auditor may read every invoice but lacks invoice:read:internal: decide fields by that permission, "
        f"not by read-any or by role name (got {sorted(seen)})"
    )


@pytest.mark.starter_passes
def test_finance_sees_the_internal_fields(answer: Path) -> None:
    assert fields(client(load_module(answer)), "tok-cy") == PUBLIC | INTERNAL


@pytest.mark.starter_passes
def test_a_new_role_with_the_permission_sees_them_too(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_module(answer)
    perms = module.Permission
    monkeypatch.setitem(
        module.ROLE_PERMISSIONS, "collections", frozenset({perms.INVOICE_READ_ANY, perms.INVOICE_READ_INTERNAL})
    )
    api = TestClient(
        module.create_app({"tok-col": module.User(6, frozenset({"collections"}))}, {101: invoice(module, 101, 1)})
    )
    response = api.get("/invoices/101", headers={"Authorization": "Bearer tok-col"})
    assert set(response.json()) == PUBLIC | INTERNAL, (
        "a role added to ROLE_PERMISSIONS with invoice:read:internal must see the internal fields: check the "
        "permission, not the role name"
    )


def test_a_field_added_to_the_record_later_stays_private(answer: Path) -> None:
    module = load_module(answer)

    @dataclass(frozen=True)
    class FlaggedInvoice(module.Invoice):  # type: ignore[name-defined,misc]
        fraud_flag: bool = True  # a column someone adds next year

    api = client(module, {101: invoice(module, 101, owner=1, cls=FlaggedInvoice)})
    for token in ("tok-ada", "tok-cy"):
        seen = fields(api, token)
        assert "fraud_flag" not in seen, (
            f"{token} got fraud_flag, which nobody was allowed to see: copy allowed fields into the response "
            "(an allow-list) instead of removing the secret ones (a deny-list)"
        )


@pytest.mark.starter_passes
def test_other_customers_invoices_stay_hidden(answer: Path) -> None:
    module = load_module(answer)
    response = client(module).get("/invoices/101", headers={"Authorization": "Bearer tok-bob"})
    assert response.status_code == 404
    assert client(module).get("/invoices/101").status_code == 401
