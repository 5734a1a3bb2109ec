"""A reference solution: revocation verifies the token like the API does, answers 200 whatever it was sent
(RFC 7009 section 2.2), and keeps an entry until the token's exp plus the leeway, purging dead entries on every
revocation."""

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
    """Revoked token ids, each with the time (epoch seconds) after which no server accepts its token. In
    production this is shared by every API instance: Redis with SET jti 1 EXAT <time> does the purging itself."""

    def __init__(self) -> None:
        self.entries: dict[str, float] = {}

    def add(self, jti: str, expires_at: float) -> None:
        self.entries[jti] = expires_at

    def purge(self, now: float) -> None:
        # A token past exp + leeway fails verification anyway, so its entry has nothing left to do.
        for jti in [jti for jti, until in self.entries.items() if until < now]:
            del self.entries[jti]

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
        denylist.purge(clock())
        try:
            # The same checks as the API: what we could not have issued, or what is already dead, needs no entry,
            # and a forged token must not be able to name somebody else's jti.
            found = verified(token)
        except jwt.PyJWTError:
            return Response(status_code=200)  # RFC 7009 section 2.2: an invalid token is not an error
        denylist.add(found["jti"], found["exp"] + LEEWAY)
        return Response(status_code=200)

    return app
