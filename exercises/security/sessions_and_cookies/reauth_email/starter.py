"""Exercise: an account taken over from an unlocked laptop.

Symptom: a customer left a library computer signed in. The next person changed the account's email address, asked
for a password reset at the new address, and owned the account within five minutes. Changing the email needed
nothing but the live session (and a CSRF token, which the page hands out).

Diagnose it with the check (`make exercise ID=security/sessions_and_cookies/reauth_email`).

Fix: require the current password (form field `current_password`) to change the email address (ASVS 7.5.1), and
refuse with 403, changing nothing, when it is missing or wrong. After a successful change, issue a new session id
and end the old one (ASVS 7.2.4 counts re-authentication as authentication), and return the new session's CSRF
token with the new email.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, Request

from examples.security.sessions import app as lesson
from examples.security.sessions.store import Session, SessionStore

router = APIRouter()
router.add_api_route("/login", lesson.login, methods=["POST"], dependencies=[Depends(lesson.same_origin_only)])


@router.get("/me")
def me(request: Request, session: Annotated[Session, Depends(lesson.current_session)]) -> dict[str, str | None]:
    return {"user": session.user, "email": request.app.state.emails.get(session.user)}


@router.post("/email")
def change_email(
    request: Request, email: Annotated[str, Form()], session: Annotated[Session, Depends(lesson.csrf_protected)]
) -> dict[str, str]:
    request.app.state.emails[session.user] = email
    return {"email": email}


def create_app(sessions: SessionStore | None = None) -> FastAPI:
    app = FastAPI()
    app.state.sessions = sessions or SessionStore()
    app.state.emails = {"ada": "ada@example.com"}
    app.include_router(router)
    return app
