"""Exercise: the reports export behind HTTP Basic.

Symptom: three reports from the last week. (1) `curl https://reports.example.com/export` without credentials
gets a 401 but no prompt: neither curl's `--anyauth` nor a browser offers to sign in. (2) The build server's
generated password contains a colon and never works. (3) The security team found deploy passwords in the
application log, at INFO level, on every request.

Diagnose it with the check (`make exercise ID=security/authentication_schemes/basic_challenge`), then make the
dependency decode Basic as RFC 7617 says, answer every failure with a 401 that carries the challenge, and keep
credentials out of the logs. Keep `create_app(users)`, where `users` maps user ids to Argon2id hashes.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request

from examples.security.at_rest.passwords import verify_password

log = logging.getLogger("reports")


def basic_user(request: Request) -> str:
    header = request.headers.get("authorization", "")
    log.info("auth attempt: %s", header)  # added while debugging the build server's login
    if not header.startswith("Basic "):
        raise HTTPException(status_code=401)
    decoded = base64.b64decode(header[6:]).decode()
    user_id, password = decoded.split(":")
    log.info("checking %s / %s", user_id, password)
    stored = request.app.state.users.get(user_id)
    if stored is None or not verify_password(stored, password)[0]:
        raise HTTPException(status_code=401)
    return user_id


def create_app(users: Mapping[str, str]) -> FastAPI:
    app = FastAPI()
    app.state.users = users

    @app.get("/export")
    def export(user: Annotated[str, Depends(basic_user)]) -> dict[str, str]:
        return {"report": "q4.csv", "for": user}

    return app
