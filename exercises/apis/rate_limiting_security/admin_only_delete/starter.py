"""Exercise: the customer who deleted her own unpaid invoice.

Symptom: finance found an overdue invoice missing. The audit log shows the customer herself called
`DELETE /v1/invoices/3`: the web app only shows the delete button to finance admins, but the API behind it checks
nothing except that the invoice belongs to the caller. The policy says only users with the `admin` role may
delete invoices (OWASP API5:2023, Broken Function Level Authorization).

Diagnose it with the check (`make exercise ID=apis/rate_limiting_security/admin_only_delete`). Enforce the role
on the server, from the server's own record of the user, before anything else is looked at; keep the
object-level check on reads (API1) as it is.
"""

# No `from __future__ import annotations` here: FastAPI must see the Depends() inside create_app at runtime.
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

    @app.get("/v1/invoices/{invoice_id}")
    def get_invoice(invoice_id: int, user: User) -> dict[str, Any]:
        invoice = invoices.get(invoice_id)
        if invoice is None or (invoice["owner"] != user and users[user]["role"] != "admin"):
            raise HTTPException(404, "not found")
        return invoice

    @app.delete("/v1/invoices/{invoice_id}", status_code=204)
    def delete_invoice(invoice_id: int, user: User) -> Response:
        invoice = invoices.get(invoice_id)
        if invoice is None or invoice["owner"] != user:
            raise HTTPException(404, "not found")
        del invoices[invoice_id]
        return Response(status_code=204)

    return app
