"""Refresh token rotation with reuse detection (RFC 9700, section 4.14).

Each refresh token works once. Using it returns a new refresh token in the same *family*. If an old
token from the family is presented again, someone copied it: the whole family is revoked, so both
the thief and the real client must sign in again.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field


class RefreshError(Exception):
    pass


@dataclass
class Grant:
    family: str
    subject: str
    used: bool = False


# --8<-- [start:rotation]
@dataclass
class RefreshTokenStore:
    grants: dict[str, Grant] = field(default_factory=dict)  # sha256(token) -> grant; never store the token
    revoked_families: set[str] = field(default_factory=set)

    @staticmethod
    def _digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def issue(self, subject: str, family: str | None = None) -> str:
        token = secrets.token_urlsafe(32)  # opaque and random: a refresh token is not a JWT here
        self.grants[self._digest(token)] = Grant(family or secrets.token_hex(8), subject)
        return token

    def rotate(self, token: str) -> tuple[str, str]:
        """Spend `token`; return (subject, new refresh token)."""
        grant = self.grants.get(self._digest(token))
        if grant is None or grant.family in self.revoked_families:
            raise RefreshError("invalid_grant")
        if grant.used:
            self.revoked_families.add(grant.family)  # replay: kill every token of this login
            raise RefreshError("invalid_grant: refresh token reuse detected")
        grant.used = True
        return grant.subject, self.issue(grant.subject, grant.family)

    # --8<-- [end:rotation]

    def revoke_family_of(self, token: str) -> None:
        """Logout, or RFC 7009 revocation: the family can no longer be refreshed."""
        grant = self.grants.get(self._digest(token))
        if grant is not None:
            self.revoked_families.add(grant.family)
