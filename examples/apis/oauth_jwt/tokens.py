"""Issuing and validating JWT access tokens with PyJWT (RFC 7519, RFC 8725, RFC 9068).

The authorization server signs with a private key; every API (resource server) verifies with the
public key, pins the algorithm, and checks issuer, audience and expiry.
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
    key: ec.EllipticCurvePrivateKey, subject: str, scope: str, *, lifetime: int = 300, now: float | None = None
) -> str:
    issued = int(now if now is not None else time.time())
    claims = {
        "iss": ISSUER,
        "sub": subject,
        "aud": AUDIENCE,
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


def verify_access_token(token: str, public_key: ec.EllipticCurvePublicKey, required_scope: str) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("typ") != "at+jwt":
            raise InvalidToken("not an access token")
        claims = jwt.decode(
            token,
            public_key,
            algorithms=["ES256"],  # an allow-list of one: never read the algorithm from the token
            audience=AUDIENCE,
            issuer=ISSUER,
            leeway=30,  # seconds of clock skew tolerated on exp/iat/nbf
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidToken(str(error)) from error
    if required_scope not in claims.get("scope", "").split():
        raise InvalidToken(f"missing scope {required_scope!r}")
    return claims


# --8<-- [end:verify]
