"""The notifications service's configuration, read from the environment at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit


class ConfigError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid configuration: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    smtp_url: str
    debug: bool
    send_timeout_seconds: float
    batch_size: int


def load_settings(environ: Mapping[str, str]) -> Settings:
    smtp_url = environ.get("SMTP_URL", "")
    if urlsplit(smtp_url).scheme not in ("smtp", "smtps"):
        raise ConfigError([f"SMTP_URL {smtp_url!r} is not an smtp:// or smtps:// URL"])
    debug = bool(environ.get("DEBUG", ""))
    try:
        timeout = float(environ.get("SEND_TIMEOUT_SECONDS", "10"))
    except ValueError:
        raise ConfigError(["SEND_TIMEOUT_SECONDS must be a number"]) from None
    if timeout < 0:
        raise ConfigError(["SEND_TIMEOUT_SECONDS must not be negative"])
    try:
        batch_size = int(environ.get("BATCH_SIZE", "100"))
    except ValueError:
        raise ConfigError(["BATCH_SIZE must be a whole number"]) from None
    if not 1 <= batch_size <= 1000:
        raise ConfigError(["BATCH_SIZE must be between 1 and 1000"])
    return Settings(smtp_url, debug, timeout, batch_size)
