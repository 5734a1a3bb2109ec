"""Exercise: the deny-list that anyone could write to.

Symptom: "sign out everywhere" posts the session's access token to `POST /oauth/revoke` (RFC 7009), and the API
then refuses that token until it expires. Three weeks after launch the deny-list holds 4 million entries and keeps
growing; most have a `jti` nobody ever issued and an expiry in the year 33658. On the same day, a customer's
mobile app was signed out over and over, although she never pressed the button.

Diagnose it with the check (`make exercise ID=apis/oauth_jwt/revocation_denylist`). Revocation reads the token
without checking its signature and keeps every entry forever. Make it accept only tokens this server signed,
answer as RFC 7009 asks when a token is not valid, keep each entry exactly as long as the token could still be
accepted, and keep refusing revoked tokens. (A real revocation endpoint also authenticates the client; that is
left out here.)
"""

# No `from __future__ import annotations` here: FastAPI must see the Depends() inside create_app at runtime.
import time
from collections.abc import Callable
from typing import Annotated, Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import Depends, FastAPI, Form, Header, HTTPException, Response

ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"
LEEWAY = 30  # seconds of clock skew the API tolerates after exp


class DenyList:
    """Revoked token ids, each with the time (epoch seconds) its token expires."""

    def __init__(self) -> None:
        self.entries: dict[str, float] = {}

    def add(self, jti: str, expires_at: float) -> None:
        self.entries[jti] = expires_at

    def __contains__(self, jti: object) -> bool:
        return jti in self.entries

    def __len__(self) -> int:
        return len(self.entries)


def unauthorized(description: str) -> HTTPException:
    # RFC 6750 section 3.1: a rejected token gets error="invalid_token" in WWW-Authenticate.
    header = f'Bearer error="invalid_token", error_description="{description}"'
    return HTTPException(401, detail=description, headers={"WWW-Authenticate": header})


def create_app(key: ec.EllipticCurvePrivateKey, clock: Callable[[], float] = time.time) -> FastAPI:
    """The API and its revocation endpoint. `key` is the AS signing key; `clock` is the wall clock in epoch
    seconds (tests pass a fake one)."""
    app = FastAPI()
    denylist = DenyList()
    app.state.denylist = denylist
    public_key = key.public_key()

    def verified(token: str) -> dict[str, Any]:
        return jwt.decode(
            token,
            public_key,
            algorithms=["ES256"],
            audience=AUDIENCE,
            issuer=ISSUER,
            leeway=LEEWAY,
            options={"require": ["exp", "iat", "sub", "jti"]},
        )

    def claims(authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})
        try:
            found = verified(token)
        except jwt.PyJWTError as error:
            raise unauthorized("the token is not valid") from error
        if found["jti"] in denylist:
            raise unauthorized("the token was revoked")
        return found

    @app.get("/me")
    def me(found: Annotated[dict[str, Any], Depends(claims)]) -> dict[str, str]:
        return {"sub": found["sub"]}

    @app.post("/oauth/revoke")
    def revoke(token: Annotated[str, Form()]) -> Response:
        # Only jti and exp are needed here, so the signature is not checked.
        unverified = jwt.decode(token, options={"verify_signature": False})
        denylist.add(unverified["jti"], unverified["exp"])
        return Response(status_code=200)

    return app
