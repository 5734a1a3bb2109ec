"""Exercise: sign-up that locks people out and logs their passwords.

Symptom: three tickets in one week. A user signed up with a typo in their password and could never sign in
(there is a confirmation field, but nothing compares it). A user's 40-character passphrase from their password
manager was refused, and another's passphrase with a trailing space never worked after sign-up. And the API
gateway, which logs error responses, holds plain-text passwords: FastAPI's default 422 body echoes the input.

Diagnose it with the check (`make exercise ID=security/input_validation/password_confirmation`), then fix the
model and the app: passwords of 15 to at least 64 characters, any characters, kept exactly as typed; a
confirmation that must match, reported on the `password_confirmation` field; and no password in any error
body or in the model's repr. Keep `create_app()`: it stores an Argon2id hash per user in `app.state.users`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, StringConstraints

from examples.security.at_rest.passwords import hash_password


class SignupRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=200, str_strip_whitespace=True)

    username: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{3,30}$")]
    password: Annotated[str, StringConstraints(min_length=8, max_length=32)]
    password_confirmation: str


def create_app() -> FastAPI:
    app = FastAPI()
    app.state.users = {}

    @app.post("/signup", status_code=201)
    def signup(body: SignupRequest) -> dict[str, str]:
        app.state.users[body.username] = hash_password(body.password)
        return {"username": body.username}

    return app
