"""A reference solution: the token is HMAC-SHA256(secret, session id), recomputed and compared on every request."""

import hashlib
import hmac
import os
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request, Response

from examples.security.sessions import app as lesson
from examples.security.sessions.store import Session, SessionStore

CSRF_COOKIE = "csrf"
router = APIRouter()


def csrf_token_for(secret: bytes, session_id: str) -> str:
    # Bound to the session: a token that fits another session, or one an attacker made up, does not match.
    return hmac.new(secret, b"csrf|" + session_id.encode(), hashlib.sha256).hexdigest()


@router.post("/login")
def login(
    request: Request, response: Response, username: Annotated[str, Form()], password: Annotated[str, Form()]
) -> dict[str, str]:
    expected = lesson.USERS.get(username)  # stands in for an Argon2id verify against the user table
    if expected is None or not hmac.compare_digest(expected.encode(), password.encode()):
        raise HTTPException(status_code=401, detail="wrong username or password")
    session_id = request.app.state.sessions.rotate(request.cookies.get(lesson.COOKIE), username)
    lesson.set_session_cookie(response, session_id)
    token = csrf_token_for(request.app.state.csrf_secret, session_id)
    response.set_cookie(CSRF_COOKIE, token, path="/", secure=True, samesite="lax")  # scripts read it, echo it
    return {"csrf_token": token}


def csrf_checked(request: Request, session: Annotated[Session, Depends(lesson.current_session)]) -> Session:
    expected = csrf_token_for(request.app.state.csrf_secret, request.cookies.get(lesson.COOKIE, ""))
    # The csrf cookie is only how the page learns the token; what counts is the header against the HMAC.
    if not hmac.compare_digest(request.headers.get("x-csrf-token", ""), expected):
        raise HTTPException(status_code=403, detail="CSRF token does not match this session")
    return session


@router.post("/email")
def change_email(email: Annotated[str, Form()], _: Annotated[Session, Depends(csrf_checked)]) -> dict[str, str]:
    return {"email": email}


def create_app(sessions: SessionStore | None = None) -> FastAPI:
    secret = os.environ.get("CSRF_SECRET", "")
    if len(secret) < 32:  # fail closed: no secret, or a short one, is a forgeable token
        raise RuntimeError("set CSRF_SECRET to at least 32 random characters")
    app = FastAPI()
    app.state.sessions = sessions or SessionStore()
    app.state.csrf_secret = secret.encode()
    app.include_router(router)
    return app
