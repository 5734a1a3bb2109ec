"""OAuth 2.0 client credentials token issuance and JWT validation for the lab.

The token endpoint implements the client credentials grant (RFC 6749 section 4.4): a test client
trades its id and secret for a short-lived ES256 access token. No user password ever reaches the
API. Resource routes validate the token with an algorithm allow-list and issuer, audience and
expiry checks, then check the scope.
"""

# No `from __future__ import annotations` here: FastAPI must evaluate the annotations of the dependency
# functions defined inside closures at runtime, and postponed annotations would hide the closure's names.

import hmac
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import Depends, Form, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from labs.api_lab.problems import Problem

ISSUER = "https://auth.api-lab.example"
AUDIENCE = "https://api-lab.example"


@dataclass
class AuthSettings:
    clients: dict[str, tuple[str, str]]  # client_id -> (secret, space-separated scopes it may get)
    token_lifetime: int = 300
    clock: Callable[[], float] = time.time  # used when issuing; PyJWT checks exp against real time
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))


def issue_token(settings: AuthSettings, client_id: str, scope: str) -> str:
    now = int(settings.clock())
    claims = {
        "iss": ISSUER,
        "sub": client_id,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + settings.token_lifetime,
        "jti": str(uuid.uuid4()),
        "scope": scope,
    }
    return jwt.encode(claims, settings.key, algorithm="ES256", headers={"typ": "at+jwt"})


def verify_token(settings: AuthSettings, token: str) -> dict[str, Any]:
    try:
        if jwt.get_unverified_header(token).get("typ") != "at+jwt":
            raise jwt.InvalidTokenError("not an access token")
        return jwt.decode(
            token,
            settings.key.public_key(),
            algorithms=["ES256"],  # allow-list: alg "none" and HS256 tricks never reach a verifier
            audience=AUDIENCE,
            issuer=ISSUER,
            leeway=30,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.PyJWTError as error:
        raise unauthorized("invalid_token", str(error)) from error


def unauthorized(error: str, detail: str) -> Problem:
    # RFC 6750 section 3: say which scheme is expected and, when a token was sent, what was wrong with it.
    return Problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": f'Bearer error="{error}"'})


def settings_of(request: Request) -> AuthSettings:
    return request.app.state.auth


# Declared as a security scheme, so OpenAPI documents it and Swagger UI shows an Authorize button.
bearer = HTTPBearer(auto_error=False, bearerFormat="JWT", description="An access token from POST /oauth/token")


def require_scope(scope: str) -> Callable[..., dict[str, Any]]:
    def dependency(
        settings: Annotated[AuthSettings, Depends(settings_of)],
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> dict[str, Any]:
        if credentials is None:
            raise Problem(401, "Unauthorized", "Send an access token.", headers={"WWW-Authenticate": "Bearer"})
        claims = verify_token(settings, credentials.credentials)
        if scope not in claims.get("scope", "").split():
            raise Problem(
                403,
                "Forbidden",
                f"This needs the {scope} scope.",
                headers={"WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{scope}"'},
            )
        return claims

    return dependency


def token_endpoint(
    settings: Annotated[AuthSettings, Depends(settings_of)],
    grant_type: Annotated[str, Form()],
    client_id: Annotated[str, Form()],
    client_secret: Annotated[str, Form()],
    scope: Annotated[str, Form()] = "",
) -> dict[str, Any]:
    if grant_type != "client_credentials":
        raise Problem(400, "unsupported_grant_type", "Only client_credentials is supported here.")
    secret, allowed = settings.clients.get(client_id, ("", ""))
    if not secret or not hmac.compare_digest(secret, client_secret):
        raise Problem(401, "invalid_client", "Unknown client or wrong secret.")
    requested = scope.split() or allowed.split()
    if not set(requested) <= set(allowed.split()):
        raise Problem(400, "invalid_scope", f"This client may request only: {allowed}.")
    granted = " ".join(requested)
    return {
        "access_token": issue_token(settings, client_id, granted),
        "token_type": "Bearer",
        "expires_in": settings.token_lifetime,
        "scope": granted,
    }
