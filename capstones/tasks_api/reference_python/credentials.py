"""Password hashes (scrypt) and signed bearer tokens (HMAC-SHA256), from the standard library only."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time

# OWASP's minimum for scrypt: N=2^17, r=8, p=1 (128 MiB and a few hundred milliseconds per hash). Test runs
# may lower N with SCRYPT_LOG2_N, as test settings of web frameworks swap in a fast hasher; hashes keep their
# own parameters, so verifying works whatever N was when they were made.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** int(os.environ.get("SCRYPT_LOG2_N", "17")), 8, 1
SCRYPT_MAXMEM = 256 * 1024 * 1024
TOKEN_LIFETIME_S = 3600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=32)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    _, n, r, p, salt, digest = stored.split("$")
    return hmac.compare_digest(_scrypt(password, _unb64(salt), int(n), int(r), int(p)), _unb64(digest))


# Hashed once so that a login for an unknown user costs as much as one for a known user.
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


class TokenSigner:
    """Tokens are `<user id>.<expiry>.<signature>`: the signature covers both, so neither can be changed."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self.secret, payload.encode(), hashlib.sha256).digest())

    def issue(self, user_id: int) -> str:
        payload = f"{user_id}.{int(time.time()) + TOKEN_LIFETIME_S}"
        return f"{payload}.{self._sign(payload)}"

    def verify(self, token: str) -> int | None:
        """The user id of a genuine, unexpired token; None for anything else."""
        parts = token.split(".")
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        user_id, expires, signature = parts
        if not hmac.compare_digest(signature, self._sign(f"{user_id}.{expires}")):
            return None
        if int(expires) < time.time():
            return None
        return int(user_id)
