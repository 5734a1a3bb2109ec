"""Exercise: a morning's MFA approved an evening payment.

Symptom: a laptop was stolen from a car at 18:00 with the finance app still signed in. The thief approved a
40,000 EUR invoice, although large approvals "need MFA": the session had passed MFA at 08:30, and the app only
asks whether a session ever did. Meanwhile the finance front end has no way to ask for a fresh code: a refused
approval is a bare `403 Forbidden`, which tells the client that trying again cannot help.

Diagnose it with the check (`make exercise ID=security/authentication_and_access_control/step_up`), then require
a recent MFA (within `STEP_UP_MAX_AGE` seconds, by the app's clock) for approvals at or above the threshold, and
answer a session without one with a step-up challenge the client can act on (RFC 9470). Keep `create_app`,
`Session`, `User` and `Invoice`: the check uses them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request

APPROVAL_MFA_THRESHOLD_CENTS = 1_000_000
STEP_UP_MAX_AGE = 300  # seconds since the last MFA for a large approval


@dataclass(frozen=True)
class User:
    id: int
    roles: frozenset[str]
    department: str


@dataclass(frozen=True)
class Session:
    user: User
    mfa_at: float | None = None  # Unix time of the last successful second factor in this session


@dataclass
class Invoice:
    id: int
    owner_id: int
    department: str
    amount_cents: int
    approved_by: set[int] = field(default_factory=set)


def current_session(request: Request) -> Session:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    session = request.app.state.sessions.get(token) if scheme.lower() == "bearer" else None
    if session is None:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return session


def may_approve(session: Session, invoice: Invoice) -> bool:
    user = session.user
    return (
        "accountant" in user.roles
        and user.department == invoice.department
        and user.id != invoice.owner_id
        and (invoice.amount_cents < APPROVAL_MFA_THRESHOLD_CENTS or session.mfa_at is not None)
    )


def create_app(
    sessions: dict[str, Session], invoices: dict[int, Invoice], clock: Callable[[], float] = time.time
) -> FastAPI:
    """`sessions` maps bearer tokens to sessions; `clock` is the server's time (the check passes a fixed one)."""
    app = FastAPI()
    app.state.sessions = sessions

    @app.post("/invoices/{invoice_id}/approve")
    def approve(invoice_id: int, session: Annotated[Session, Depends(current_session)]) -> dict[str, str]:
        invoice = invoices.get(invoice_id)
        if invoice is None:
            raise HTTPException(status_code=404)
        if not may_approve(session, invoice):
            raise HTTPException(status_code=403)
        invoice.approved_by.add(session.user.id)
        return {"status": "approved"}

    return app
