"""A reference solution: the delete route depends on a role check that reads the server's user records and runs
before the handler, so customers get the same 403 for every id and nothing they send can raise their role."""

# No `from __future__ import annotations` here: FastAPI must see the Depends() inside create_app at runtime.
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Response

TOKENS = {"token-alice": "alice", "token-bob": "bob", "token-fin": "fiona"}  # stands in for verified JWTs


def create_app() -> FastAPI:
    app = FastAPI()
    users = {"alice": {"role": "customer"}, "bob": {"role": "customer"}, "fiona": {"role": "admin"}}
    invoices = {
        1: {"id": 1, "owner": "alice", "total": 120},
        2: {"id": 2, "owner": "bob", "total": 75},
        3: {"id": 3, "owner": "alice", "total": 990},
    }
    app.state.invoices = invoices

    def current_user(authorization: Annotated[str | None, Header()] = None) -> str:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or token not in TOKENS:
            raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})
        return TOKENS[token]

    User = Annotated[str, Depends(current_user)]

    def requires(role: str) -> Callable[..., str]:
        """A dependency that refuses callers without `role`, looked up in the server's own user records (never
        in anything the request says about itself), before the handler runs."""

        def check(user: User) -> str:
            if users[user]["role"] != role:
                raise HTTPException(403, f"this operation needs the {role} role")
            return user

        return check

    Admin = Annotated[str, Depends(requires("admin"))]

    @app.get("/v1/invoices/{invoice_id}")
    def get_invoice(invoice_id: int, user: User) -> dict[str, Any]:
        invoice = invoices.get(invoice_id)
        if invoice is None or (invoice["owner"] != user and users[user]["role"] != "admin"):
            raise HTTPException(404, "not found")
        return invoice

    @app.delete("/v1/invoices/{invoice_id}", status_code=204)
    def delete_invoice(invoice_id: int, admin: Admin) -> Response:
        # The role check ran first, in the dependency: a customer learns nothing about which ids exist.
        if invoices.pop(invoice_id, None) is None:
            raise HTTPException(404, "not found")
        return Response(status_code=204)

    return app
