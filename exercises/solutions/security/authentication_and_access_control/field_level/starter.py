"""A reference solution: each response is built from an allow-list of fields, chosen by permission.

A deny-list (`asdict` minus the secret fields) leaks every field added to the record later; an allow-list shows a
new field to nobody until someone decides who may see it.
"""

from __future__ import annotations

from dataclasses import dataclass
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

# Who may see which fields: the rule lives in one table next to the role table, not in each handler.
PUBLIC_FIELDS = ("id", "owner_id", "amount_cents", "currency", "status", "due_date")
FIELDS_BY_PERMISSION: dict[Permission, tuple[str, ...]] = {
    Permission.INVOICE_READ_INTERNAL: ("risk_score", "collection_notes"),
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


def visible_fields(user: User) -> tuple[str, ...]:
    perms = permissions_of(user)
    extra = [name for permission, names in FIELDS_BY_PERMISSION.items() if permission in perms for name in names]
    return PUBLIC_FIELDS + tuple(extra)


def view_of(invoice: Invoice, user: User) -> dict[str, Any]:
    """Copy only the allowed fields: a field added to Invoice later stays private until it is listed."""
    return {name: getattr(invoice, name) for name in visible_fields(user)}


def current_user(request: Request) -> User:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    user = request.app.state.users.get(token) if scheme.lower() == "bearer" else None
    if user is None:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return user


def create_app(users: dict[str, User], invoices: dict[int, Invoice]) -> FastAPI:
    app = FastAPI()
    app.state.users = users

    @app.get("/invoices/{invoice_id}")
    def read_invoice(invoice_id: int, user: Annotated[User, Depends(current_user)]) -> dict[str, Any]:
        invoice = invoices.get(invoice_id)
        if invoice is None or not can_read(user, invoice):
            raise HTTPException(status_code=404)
        return view_of(invoice, user)

    return app
