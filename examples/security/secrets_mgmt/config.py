"""Loading secrets at start-up: from a mounted file or the environment, never from code, never logged."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr


class MissingSecretError(RuntimeError):
    pass


# --8<-- [start:load]
def read_secret(name: str, env: Mapping[str, str] | None = None) -> SecretStr:
    """`NAME_FILE` (a path to a mounted secret, as Docker and Kubernetes provide) wins over `NAME`."""
    env = os.environ if env is None else env
    path = env.get(f"{name}_FILE")
    value = Path(path).read_text(encoding="utf-8").strip() if path else env.get(name, "")
    if not value:
        raise MissingSecretError(f"secret {name} is not configured")  # fail at start-up, not at first use
    return SecretStr(value)  # repr() and str() print '**********'


@dataclass(frozen=True)
class Settings:
    database_url: SecretStr
    webhook_secret: SecretStr

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        return cls(read_secret("DATABASE_URL", env), read_secret("WEBHOOK_SECRET", env))


# --8<-- [end:load]


# --8<-- [start:redact]
class RedactSecrets(logging.Filter):
    """Last line of defence: mask credentials that slip into log messages (URLs with passwords, bearer tokens)."""

    PATTERNS = (re.compile(r"(://[^:/\s]+:)[^@\s]+(@)"), re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/-]+=*"))

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern in self.PATTERNS:
            message = pattern.sub(r"\1[REDACTED]\2" if pattern.groups == 2 else r"\1[REDACTED]", message)
        record.msg, record.args = message, None
        return True


# --8<-- [end:redact]
