"""Exercise: a double-submit cookie that a sibling subdomain can forge.

Symptom: the team moved CSRF protection to the stateless double-submit pattern: login sets a random `csrf` cookie
that page scripts can read, scripts echo it in the X-CSRF-Token header, and the server checks that the two match.
A pentester uploaded a page to files.shop.example, the user-content host on the same site. It set a cookie
`csrf=pwned; Domain=shop.example`, which the browser then sent to the shop, and posted a form with a matching
header through a same-site fetch. The email change went through.

Diagnose it with the check (`make exercise ID=security/sessions_and_cookies/signed_double_submit`).

Fix: make the token an HMAC of the session id under a server secret, so only the server can make the token that
belongs to a session, and check the header against the token recomputed from the session cookie, in constant
time. Read the secret from the CSRF_SECRET environment variable when the app is created, and refuse to start
without it. (The lesson's Sec-Fetch-Site check would also stop this request; the token must hold on its own.)
"""

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request, Response

from examples.security.sessions import app as lesson
from examples.security.sessions.store import Session, SessionStore

CSRF_COOKIE = "csrf"
router = APIRouter()


@router.post("/login")
def login(
    request: Request, response: Response, username: Annotated[str, Form()], password: Annotated[str, Form()]
) -> dict[str, str]:
    lesson.login(request, response, username, password)  # checks the password, rotates and sets the session
    token = secrets.token_urlsafe(32)
    response.set_cookie(CSRF_COOKIE, token, path="/", secure=True, samesite="lax")  # readable by page scripts
    return {"csrf_token": token}


def csrf_checked(request: Request, session: Annotated[Session, Depends(lesson.current_session)]) -> Session:
    header = request.headers.get("x-csrf-token", "")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not header or header != cookie:
        raise HTTPException(status_code=403, detail="CSRF token does not match")
    return session


@router.post("/email")
def change_email(email: Annotated[str, Form()], _: Annotated[Session, Depends(csrf_checked)]) -> dict[str, str]:
    return {"email": email}


def create_app(sessions: SessionStore | None = None) -> FastAPI:
    app = FastAPI()
    app.state.sessions = sessions or SessionStore()
    app.include_router(router)
    return app
