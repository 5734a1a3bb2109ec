"""Password storage with Argon2id (argon2-cffi). Passwords are hashed, never encrypted."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# --8<-- [start:hasher]
# OWASP Password Storage Cheat Sheet, one of its equivalent Argon2id minimums:
# 19 MiB of memory (memory_cost is in KiB), 2 iterations, 1 degree of parallelism.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16)


def hash_password(password: str) -> str:
    # The result is a self-describing PHC string: algorithm, version, parameters, salt and hash.
    return HASHER.hash(password)


def verify_password(stored: str, password: str) -> tuple[bool, str | None]:
    """Return (matches, new_hash). `new_hash` is set when the stored hash uses outdated parameters."""
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False, None
    return True, hash_password(password) if HASHER.check_needs_rehash(stored) else None


# --8<-- [end:hasher]
