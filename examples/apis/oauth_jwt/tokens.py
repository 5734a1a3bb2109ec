"""Issuing and validating JWT access tokens with PyJWT (RFC 7519, RFC 8725, RFC 9068).

The authorization server signs with a private key; every API (resource server) verifies with the
public key, pins the algorithm, checks the token type (RFC 9068 section 4), issuer, audience and expiry,
and requires every claim RFC 9068 section 2.2 makes mandatory.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

ISSUER = "https://auth.example.com"
AUDIENCE = "https://api.example.com"


def new_signing_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())  # P-256, the curve ES256 uses


# --8<-- [start:issue]
def issue_access_token(
    key: ec.EllipticCurvePrivateKey,
    subject: str,
    scope: str,
    *,
    client_id: str,
    lifetime: int = 300,
    now: float | None = None,
) -> str:
    issued = int(now if now is not None else time.time())
    claims = {
        "iss": ISSUER,
        "sub": subject,
        "aud": AUDIENCE,
        "client_id": client_id,  # the app the user delegated to; RFC 9068 requires it
        "iat": issued,
        "exp": issued + lifetime,  # short-lived: minutes, not days
        "jti": str(uuid.uuid4()),  # unique id, lets a deny-list revoke one token
        "scope": scope,
    }
    # "typ": "at+jwt" marks an access token (RFC 9068), so an ID token cannot be replayed as one.
    return jwt.encode(claims, key, algorithm="ES256", headers={"kid": "2026-11", "typ": "at+jwt"})


# --8<-- [end:issue]


# --8<-- [start:verify]
class InvalidToken(Exception):
    pass


# RFC 9068 section 4: accept the short and the full media type, nothing else. Media types are
# case-insensitive (RFC 7515 section 4.1.9), so compare in lower case.
ACCESS_TOKEN_TYPES = {"at+jwt", "application/at+jwt"}


def verify_access_token(token: str, public_key: ec.EllipticCurvePublicKey, required_scope: str) -> dict[str, Any]:
    try:
        typ = jwt.get_unverified_header(token).get("typ")
        if not isinstance(typ, str) or typ.lower() not in ACCESS_TOKEN_TYPES:
            raise InvalidToken("not an access token")
        claims = jwt.decode(
            token,
            public_key,
            algorithms=["ES256"],  # an allow-list of one: never read the algorithm from the token
            audience=AUDIENCE,
            issuer=ISSUER,
            leeway=30,  # seconds of clock skew tolerated on exp/iat/nbf
            options={"require": ["exp", "iat", "iss", "aud", "sub", "client_id", "jti"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error)) from error
    scope = claims.get("scope")  # RFC 8693 section 4.2: one string of space-separated scopes
    if not isinstance(scope, str) or required_scope not in scope.split():
        raise InvalidToken(f"missing scope {required_scope!r}")
    return claims


# --8<-- [end:verify]
