"""A reference solution: large approvals need an MFA from the last five minutes, and a session without one gets
an RFC 9470 step-up challenge instead of a 403.

The two refusals mean different things. `403` says no authentication would help (wrong department, your own
invoice); `401` with `error="insufficient_user_authentication"` and `max_age` says "prove it is you again, then
retry", which the client can act on.
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
    """The rules no fresh login can change: role, department, separation of duties."""
    user = session.user
    return "accountant" in user.roles and user.department == invoice.department and user.id != invoice.owner_id


def needs_step_up(session: Session, invoice: Invoice, now: float) -> bool:
    if invoice.amount_cents < APPROVAL_MFA_THRESHOLD_CENTS:
        return False
    # A second factor proves who held the device at that moment, not hours later: require a recent one.
    return session.mfa_at is None or not 0 <= now - session.mfa_at <= STEP_UP_MAX_AGE


def step_up_challenge() -> HTTPException:
    challenge = (
        'Bearer error="insufficient_user_authentication", '
        'error_description="a recent second factor is required for this approval", '
        f'max_age="{STEP_UP_MAX_AGE}"'
    )
    return HTTPException(status_code=401, headers={"WWW-Authenticate": challenge})


def create_app(
    sessions: dict[str, Session], invoices: dict[int, Invoice], clock: Callable[[], float] = time.time
) -> FastAPI:
    app = FastAPI()
    app.state.sessions = sessions

    @app.post("/invoices/{invoice_id}/approve")
    def approve(invoice_id: int, session: Annotated[Session, Depends(current_session)]) -> dict[str, str]:
        invoice = invoices.get(invoice_id)
        if invoice is None:
            raise HTTPException(status_code=404)
        if not may_approve(session, invoice):
            raise HTTPException(status_code=403)
        if needs_step_up(session, invoice, clock()):
            raise step_up_challenge()
        invoice.approved_by.add(session.user.id)
        return {"status": "approved"}

    return app
