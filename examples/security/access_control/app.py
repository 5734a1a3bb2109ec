"""Invoices API: authentication by opaque bearer token, RBAC per route, and an object-level check per record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request

from examples.security.access_control.policy import Invoice, Permission, User, can_approve, can_read, permissions_of

# Opaque tokens map to users on the server, so they can be revoked by deleting the row. Ada is signed in on two
# devices. (A real store keeps a hash of each token, as the API key store in the next lesson does.)
TOKENS = {
    "tok-ada": User(1, frozenset({"customer"})),
    "tok-ada-phone": User(1, frozenset({"customer"})),
    "tok-bob": User(2, frozenset({"customer"})),
    "tok-cy": User(3, frozenset({"accountant"}), department="sales", mfa=True),
    "tok-dee": User(4, frozenset({"admin"})),
}
INVOICES = {
    101: Invoice(101, owner_id=1, department="sales", amount_cents=12_000),
    102: Invoice(102, owner_id=2, department="sales", amount_cents=9_900),
}


# --8<-- [start:deps]
def current_user(request: Request) -> User:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    user = request.app.state.tokens.get(token) if scheme.lower() == "bearer" else None
    if user is None:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return user


def require(permission: Permission) -> Callable[[User], User]:
    """Function-level (RBAC) check, declared on the route."""

    def dependency(user: Annotated[User, Depends(current_user)]) -> User:
        if permission not in permissions_of(user):
            raise HTTPException(status_code=403)
        return user

    return dependency


def create_app() -> FastAPI:
    app = FastAPI()
    # Each app gets its own copy of the stores, so one test's revocation or approval never leaks into another's.
    app.state.tokens = tokens = dict(TOKENS)
    invoices = {number: replace(invoice, approved_by=set()) for number, invoice in INVOICES.items()}

    @app.get("/invoices/{invoice_id}")
    def read_invoice(invoice_id: int, user: Annotated[User, Depends(current_user)]) -> dict[str, int]:
        invoice = invoices.get(invoice_id)
        # Object-level (BOLA) check. Answer 404 for "not yours" so ids of other people's invoices don't leak.
        if invoice is None or not can_read(user, invoice):
            raise HTTPException(status_code=404)
        return {"id": invoice.id, "amount_cents": invoice.amount_cents}

    @app.post("/invoices/{invoice_id}/approve")
    def approve(invoice_id: int, user: Annotated[User, Depends(require(Permission.INVOICE_APPROVE))]) -> dict[str, str]:
        invoice = invoices.get(invoice_id)
        if invoice is None:
            raise HTTPException(status_code=404)
        if not can_approve(user, invoice):
            raise HTTPException(status_code=403)
        invoice.approved_by.add(user.id)
        return {"status": "approved"}

    @app.delete("/sessions", status_code=204)
    def log_out_everywhere(user: Annotated[User, Depends(current_user)]) -> None:
        # Every device's token is a row on the server: deleting them ends all sessions on the next request.
        for token in [token for token, owner in tokens.items() if owner.id == user.id]:
            del tokens[token]

    @app.get("/admin/users", dependencies=[Depends(require(Permission.USER_MANAGE))])
    def list_users() -> list[int]:
        return sorted({user.id for user in tokens.values()})

    return app


# --8<-- [end:deps]
