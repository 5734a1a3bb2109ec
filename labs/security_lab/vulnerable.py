"""The vulnerable version. Every route here has at least one of the bugs the tests exploit. Do not deploy."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Annotated

from fastapi import FastAPI, Form, HTTPException, Request, Response
from fastapi.responses import HTMLResponse

from labs.security_lab.db import create_db


def md5_hex(password: str) -> str:
    return hashlib.md5(password.encode()).hexdigest()  # weak password storage, on purpose


def create_app(accounts: list[tuple[str, str, str]]) -> FastAPI:
    app = FastAPI()
    db: sqlite3.Connection = create_db(accounts, md5_hex)
    app.state.db = db

    def user_id(request: Request) -> int:
        raw = request.cookies.get("user_id")  # the cookie *is* the identity: anyone can write any number
        if raw is None or not raw.isdigit():
            raise HTTPException(status_code=401)
        return int(raw)

    # --8<-- [start:login]
    @app.post("/login")
    def login(response: Response, username: Annotated[str, Form()], password: Annotated[str, Form()]) -> dict:
        query = (
            "SELECT id FROM users WHERE username = '"  # SQL injection, on purpose
            + username
            + "' AND password_hash = '"
            + md5_hex(password)
            + "'"
        )
        row = db.execute(query).fetchone()
        if row is None:
            raise HTTPException(status_code=401)
        # No HttpOnly, no Secure, no SameSite (Starlette would default to Lax; None removes it), guessable value.
        response.set_cookie("user_id", str(row[0]), samesite=None)
        return {"ok": True}

    # --8<-- [end:login]

    @app.post("/notes", status_code=201)
    def add_note(request: Request, body: Annotated[str, Form()]) -> dict:
        cursor = db.execute("INSERT INTO notes (owner_id, body) VALUES (?, ?)", (user_id(request), body))
        db.commit()
        return {"id": cursor.lastrowid}  # no CSRF check: any site can make the browser post here

    # --8<-- [start:read_note]
    @app.get("/notes/{note_id}", response_class=HTMLResponse)
    def read_note(note_id: int, request: Request) -> str:
        user_id(request)  # authenticated... but never asks whose note this is
        row = db.execute("SELECT body FROM notes WHERE id = ?", (note_id,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404)
        return f"<html><body><p>{row[0]}</p></body></html>"  # stored XSS: body is not escaped

    # --8<-- [end:read_note]

    @app.get("/admin")
    def admin(request: Request) -> dict:
        row = db.execute("SELECT role FROM users WHERE id = ?", (user_id(request),)).fetchone()
        if row is None or row[0] != "admin":
            raise HTTPException(status_code=403)
        return {"users": [r[0] for r in db.execute("SELECT username FROM users")]}

    return app
