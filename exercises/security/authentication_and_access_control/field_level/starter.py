"""Exercise: risk scores in the customer's browser.

Symptom: a customer opened their browser's developer tools on the invoice page and posted a screenshot: next to
the amount, the JSON carries `risk_score` and `collection_notes` ("slow payer, call before the 5th"). Those
are for the finance team only. The object-level check works: customers see only their own invoices. What they
see of each invoice is not checked at all.

Diagnose it with the check (`make exercise ID=security/authentication_and_access_control/field_level`), then
make each response contain the fields the caller's permissions allow (ASVS 8.2.3, API3:2023 broken object
property level authorization). Keep `create_app`, `Invoice`, `ROLE_PERMISSIONS` and `permissions_of`: the
check uses them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request


class Permission(StrEnum):
    INVOICE_READ_OWN = "invoice:read:own"
    INVOICE_READ_ANY = "invoice:read:any"
    INVOICE_READ_INTERNAL = "invoice:read:internal"  # risk and collections data, for finance


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "customer": frozenset({Permission.INVOICE_READ_OWN}),
    "accountant": frozenset({Permission.INVOICE_READ_ANY, Permission.INVOICE_READ_INTERNAL}),
    "auditor": frozenset({Permission.INVOICE_READ_ANY}),  # checks amounts and dates, not customers' risk
}


@dataclass(frozen=True)
class User:
    id: int
    roles: frozenset[str]


@dataclass(frozen=True)
class Invoice:
    id: int
    owner_id: int
    amount_cents: int
    currency: str
    status: str
    due_date: str
    risk_score: int
    collection_notes: str


def permissions_of(user: User) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in user.roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)


def can_read(user: User, invoice: Invoice) -> bool:
    perms = permissions_of(user)
    return Permission.INVOICE_READ_ANY in perms or (
        Permission.INVOICE_READ_OWN in perms and invoice.owner_id == user.id
    )


def current_user(request: Request) -> User:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    user = request.app.state.users.get(token) if scheme.lower() == "bearer" else None
    if user is None:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return user


def create_app(users: dict[str, User], invoices: dict[int, Invoice]) -> FastAPI:
    """`users` maps bearer tokens to users; the check passes its own users and invoices."""
    app = FastAPI()
    app.state.users = users

    @app.get("/invoices/{invoice_id}")
    def read_invoice(invoice_id: int, user: Annotated[User, Depends(current_user)]) -> dict[str, Any]:
        invoice = invoices.get(invoice_id)
        if invoice is None or not can_read(user, invoice):
            raise HTTPException(status_code=404)
        return asdict(invoice)

    return app
