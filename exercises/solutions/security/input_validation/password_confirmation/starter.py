"""A reference solution: NIST SP 800-63B-4 length rules, a confirmation checked on its own field, SecretStr so the
value never prints, and a 422 handler that reports what is wrong without repeating what was sent.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints, ValidationInfo, field_validator

from examples.security.at_rest.passwords import hash_password

# Single-factor passwords: at least 15 characters (NIST SP 800-63B-4); allow far more than the 64 required.
Password = Annotated[SecretStr, Field(min_length=15, max_length=200)]


class SignupRequest(BaseModel):
    # No str_strip_whitespace: a password is checked exactly as typed (ASVS 6.2.8), spaces included.
    model_config = ConfigDict(extra="forbid", str_max_length=200)

    username: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{3,30}$")]
    password: Password
    password_confirmation: SecretStr

    @field_validator("password_confirmation")
    @classmethod
    def matches_password(cls, value: SecretStr, info: ValidationInfo) -> SecretStr:
        password = info.data.get("password")  # absent when the password itself failed validation
        if password is not None and value.get_secret_value() != password.get_secret_value():
            raise ValueError("does not match the password")
        return value


def without_input(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep where and why; drop `input` and `ctx`, which repeat what the client sent."""
    return [{"loc": error["loc"], "type": error["type"], "msg": error["msg"]} for error in errors]


def create_app() -> FastAPI:
    app = FastAPI()
    app.state.users = {}

    @app.exception_handler(RequestValidationError)
    async def validation_failed(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": without_input(list(error.errors()))}, status_code=422)

    @app.post("/signup", status_code=201)
    def signup(body: SignupRequest) -> dict[str, str]:
        app.state.users[body.username] = hash_password(body.password.get_secret_value())
        return {"username": body.username}

    return app
