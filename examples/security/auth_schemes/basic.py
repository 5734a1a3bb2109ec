"""HTTP Basic authentication (RFC 7617): decoding the header and answering with a challenge."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from examples.security.at_rest.passwords import hash_password, verify_password

# --8<-- [start:basic]
CHALLENGE = 'Basic realm="reports", charset="UTF-8"'  # sent with every 401 so clients know what to do


def parse_basic(authorization: str | None) -> tuple[str, str] | None:
    """Return (user id, password) from an Authorization header, or None when it is not valid Basic."""
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    user_id, colon, password = decoded.partition(":")  # the first colon separates; passwords may contain colons
    return (user_id, password) if colon else None


def authenticate(authorization: str | None, users: Mapping[str, str]) -> str | None:
    """The user id if the credentials match a stored Argon2id hash, else None (answer 401 + CHALLENGE)."""
    credentials = parse_basic(authorization)
    if credentials is None:
        return None
    user_id, password = credentials
    stored = users.get(user_id)
    if stored is None:
        verify_password(DUMMY_HASH, password)  # same work for unknown users: no timing oracle for user names
        return None
    matches, _ = verify_password(stored, password)
    return user_id if matches else None


DUMMY_HASH = hash_password("no such user")
# --8<-- [end:basic]
