"""Two OWASP API Top 10 (2023) risks and their fixes, side by side.

API1 Broken Object Level Authorization: the vulnerable route trusts the id in the URL.
API3 Broken Object Property Level Authorization: the vulnerable route copies every field the client
sends (mass assignment) and returns every field it stores (excessive data exposure).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, ConfigDict, Field

# In a real API this mapping is a verified JWT (see the OAuth lesson); here a fixed token per user.
TOKENS = {"token-alice": "alice", "token-bob": "bob"}


def current_user(authorization: Annotated[str | None, Header()] = None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or token not in TOKENS:
        raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})
    return TOKENS[token]


User = Annotated[str, Depends(current_user)]


# --8<-- [start:models]
class ProfileUpdate(BaseModel):
    """What a user may change about themselves; anything else is a 422, not silently ignored."""

    model_config = ConfigDict(extra="forbid")
    display_name: str = Field(min_length=1, max_length=50)


class PublicProfile(BaseModel):
    """What a user may see: no role, no password hash, no internal flags."""

    username: str
    display_name: str


# --8<-- [end:models]


def create_app(*, secure: bool) -> FastAPI:
    app = FastAPI()
    invoices = {1: {"id": 1, "owner": "alice", "total": 120}, 2: {"id": 2, "owner": "bob", "total": 75}}
    users: dict[str, dict[str, Any]] = {
        "alice": {"username": "alice", "display_name": "Alice", "role": "customer", "password_hash": "$argon2id$..."},
        "bob": {"username": "bob", "display_name": "Bob", "role": "customer", "password_hash": "$argon2id$..."},
    }

    # --8<-- [start:bola]
    @app.get("/v1/invoices/{invoice_id}")
    def get_invoice(invoice_id: int, user: User) -> dict[str, Any]:
        invoice = invoices.get(invoice_id)
        if invoice is None:
            raise HTTPException(404, "not found")
        if secure and invoice["owner"] != user:
            raise HTTPException(404, "not found")  # 404, not 403: do not confirm that the id exists
        return invoice

    # --8<-- [end:bola]

    if secure:

        @app.patch("/v1/users/me", response_model=PublicProfile)
        def update_me(body: ProfileUpdate, user: User) -> dict[str, Any]:
            users[user].update(body.model_dump())
            return users[user]  # response_model filters the output down to PublicProfile's fields

    else:

        @app.patch("/v1/users/me")
        def update_me_vulnerable(body: dict[str, Any], user: User) -> dict[str, Any]:
            users[user].update(body)  # mass assignment: {"role": "admin"} is accepted
            return users[user]  # excessive exposure: the password hash goes out too

    return app
