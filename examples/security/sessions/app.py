"""A FastAPI app with a hardened session cookie and CSRF protection on every state-changing request."""

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request, Response

from examples.security.sessions.store import ABSOLUTE_TIMEOUT, Session, SessionStore

COOKIE = "__Host-session"  # the prefix makes browsers insist on Secure, Path=/ and no Domain attribute
TRUSTED_ORIGIN = "https://testserver"
USERS = {"ada": "correct horse battery staple"}  # stands in for an Argon2id-checked user table

router = APIRouter()


# --8<-- [start:cookie]
def set_session_cookie(response: Response, session_id: str) -> None:
    response.set_cookie(
        COOKIE,
        session_id,
        max_age=ABSOLUTE_TIMEOUT,  # the browser forgets it no later than the server does
        path="/",
        secure=True,  # only sent over HTTPS
        httponly=True,  # invisible to document.cookie, so XSS cannot read it
        samesite="lax",  # not sent on cross-site POSTs, sub-requests or iframes
    )


# --8<-- [end:cookie]


def store(request: Request) -> SessionStore:
    return request.app.state.sessions


def current_session(request: Request) -> Session:
    session = store(request).get(request.cookies.get(COOKIE))
    if session is None or session.user is None:
        raise HTTPException(status_code=401)
    return session


# --8<-- [start:csrf]
def same_origin_only(request: Request) -> None:
    """Refuse what the browser says came from another origin: Fetch Metadata first, then the Origin header."""
    site = request.headers.get("sec-fetch-site")  # set by the browser; page scripts cannot change it
    if site is not None and site not in {"same-origin", "none"}:  # "same-site" includes sibling subdomains
        raise HTTPException(status_code=403, detail="cross-site request")
    origin = request.headers.get("origin")
    if origin is not None and origin != TRUSTED_ORIGIN:
        raise HTTPException(status_code=403, detail="cross-origin request")


def csrf_protected(
    request: Request,
    session: Annotated[Session, Depends(current_session)],
    _: Annotated[None, Depends(same_origin_only)],
) -> Session:
    token = request.headers.get("x-csrf-token", "")
    if not hmac.compare_digest(token, session.csrf_token):  # constant-time comparison
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")
    return session


# --8<-- [end:csrf]


# --8<-- [start:login]
# Login too: a forged cross-site login would sign the victim in to the attacker's account (login CSRF).
@router.post("/login", dependencies=[Depends(same_origin_only)])
def login(
    request: Request, response: Response, username: Annotated[str, Form()], password: Annotated[str, Form()]
) -> dict[str, str]:
    expected = USERS.get(username)
    if expected is None or not hmac.compare_digest(expected.encode(), password.encode()):
        raise HTTPException(status_code=401, detail="wrong username or password")
    new_id = store(request).rotate(request.cookies.get(COOKIE), username)  # never reuse a pre-login id
    set_session_cookie(response, new_id)
    session = store(request).get(new_id)
    if session is None:
        raise HTTPException(status_code=500)
    return {"csrf_token": session.csrf_token}  # the page embeds it and sends it back in a header


@router.post("/logout")
def logout(request: Request, response: Response, _: Annotated[Session, Depends(csrf_protected)]) -> None:
    store(request).destroy(request.cookies.get(COOKIE))  # server-side: the old cookie value is now worthless
    response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="lax")


# --8<-- [end:login]


@router.get("/me")
def me(session: Annotated[Session, Depends(current_session)]) -> dict[str, str | None]:
    return {"user": session.user}


@router.post("/email")
def change_email(email: Annotated[str, Form()], _: Annotated[Session, Depends(csrf_protected)]) -> dict[str, str]:
    return {"email": email}


def create_app(sessions: SessionStore | None = None) -> FastAPI:
    app = FastAPI()
    app.state.sessions = sessions or SessionStore()
    app.include_router(router)
    return app
