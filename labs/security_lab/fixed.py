"""The fixed version of the lab service: the same routes, with each vulnerability closed."""

import hmac
import secrets
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, FastAPI, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape

from labs.security_lab.db import create_db

HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)  # OWASP Argon2id minimum
COOKIE = "__Host-session"
IDLE_SECONDS = 15 * 60
TEMPLATES = Environment(autoescape=select_autoescape(default_for_string=True, default=True))
NOTE_PAGE = TEMPLATES.from_string("<html><body><p>{{ body }}</p></body></html>")
CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
# A hash of a random string: verifying against it takes as long as a real check, so timing hides unknown users.
DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))


@dataclass
class Session:
    user_id: int
    role: str
    last_seen: float
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


def create_app(accounts: list[tuple[str, str, str]]) -> FastAPI:
    app = FastAPI()
    db: sqlite3.Connection = create_db(accounts, HASHER.hash)
    sessions: dict[str, Session] = {}
    app.state.db = db

    def current(request: Request) -> Session:
        session = sessions.get(request.cookies.get(COOKIE, ""))
        if session is None or time.monotonic() - session.last_seen > IDLE_SECONDS:
            raise HTTPException(status_code=401)
        session.last_seen = time.monotonic()
        return session

    def csrf_checked(request: Request, session: Annotated[Session, Depends(current)]) -> Session:
        sent = request.headers.get("x-csrf-token", "")
        if not hmac.compare_digest(sent, session.csrf_token):
            raise HTTPException(status_code=403, detail="CSRF token missing or wrong")
        return session

    # --8<-- [start:login]
    @app.post("/login")
    def login(
        request: Request, response: Response, username: Annotated[str, Form()], password: Annotated[str, Form()]
    ) -> dict:
        row = db.execute("SELECT id, password_hash, role FROM users WHERE username = ?", (username,)).fetchone()
        try:
            HASHER.verify(row[1] if row else DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            raise HTTPException(status_code=401, detail="wrong username or password") from None
        if row is None:
            raise HTTPException(status_code=401, detail="wrong username or password")
        sessions.pop(request.cookies.get(COOKIE, ""), None)  # drop any pre-login session (fixation)
        session_id = secrets.token_urlsafe(32)
        sessions[session_id] = Session(row[0], row[2], time.monotonic())
        response.set_cookie(COOKIE, session_id, path="/", secure=True, httponly=True, samesite="lax")
        return {"csrf_token": sessions[session_id].csrf_token}

    # --8<-- [end:login]

    @app.post("/notes", status_code=201)
    def add_note(
        session: Annotated[Session, Depends(csrf_checked)], body: Annotated[str, Form(max_length=2000)]
    ) -> dict:
        cursor = db.execute("INSERT INTO notes (owner_id, body) VALUES (?, ?)", (session.user_id, body))
        db.commit()
        return {"id": cursor.lastrowid}

    # --8<-- [start:read_note]
    @app.get("/notes/{note_id}", response_class=HTMLResponse)
    def read_note(note_id: int, session: Annotated[Session, Depends(current)]) -> HTMLResponse:
        row = db.execute(
            "SELECT body FROM notes WHERE id = ? AND owner_id = ?", (note_id, session.user_id)
        ).fetchone()  # ownership is part of the query: other people's notes simply do not exist
        if row is None:
            raise HTTPException(status_code=404)
        return HTMLResponse(NOTE_PAGE.render(body=row[0]), headers={"Content-Security-Policy": CSP})

    # --8<-- [end:read_note]

    @app.get("/admin")
    def admin(session: Annotated[Session, Depends(current)]) -> dict:
        if session.role != "admin":
            raise HTTPException(status_code=403)
        return {"users": [r[0] for r in db.execute("SELECT username FROM users")]}

    return app
