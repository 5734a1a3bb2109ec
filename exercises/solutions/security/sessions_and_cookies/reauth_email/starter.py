"""A reference solution: the email changes only with the current password, and the session id is rotated after."""

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request, Response

from examples.security.sessions import app as lesson
from examples.security.sessions.store import Session, SessionStore

router = APIRouter()
router.add_api_route("/login", lesson.login, methods=["POST"], dependencies=[Depends(lesson.same_origin_only)])


@router.get("/me")
def me(request: Request, session: Annotated[Session, Depends(lesson.current_session)]) -> dict[str, str | None]:
    return {"user": session.user, "email": request.app.state.emails.get(session.user)}


def password_matches(user: str, password: str) -> bool:
    expected = lesson.USERS.get(user)  # stands in for an Argon2id verify against the user table
    return expected is not None and hmac.compare_digest(expected.encode(), password.encode())


@router.post("/email")
def change_email(
    request: Request,
    response: Response,
    email: Annotated[str, Form()],
    session: Annotated[Session, Depends(lesson.csrf_protected)],
    current_password: Annotated[str, Form()] = "",
) -> dict[str, str]:
    user = session.user or ""
    # A live session proves someone has the browser, not that they are the account holder: ask again.
    if not password_matches(user, current_password):
        raise HTTPException(status_code=403, detail="enter your current password to change your email")
    request.app.state.emails[user] = email
    # Re-authentication is authentication (ASVS 7.2.4): new id, old one ended, new CSRF token with it.
    store: SessionStore = request.app.state.sessions
    new_id = store.rotate(request.cookies.get(lesson.COOKIE), user)
    lesson.set_session_cookie(response, new_id)
    renewed = store.get(new_id)
    if renewed is None:
        raise HTTPException(status_code=500)
    return {"email": email, "csrf_token": renewed.csrf_token}


def create_app(sessions: SessionStore | None = None) -> FastAPI:
    app = FastAPI()
    app.state.sessions = sessions or SessionStore()
    app.state.emails = {"ada": "ada@example.com"}
    app.include_router(router)
    return app
