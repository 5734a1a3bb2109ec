"""The notifications service's configuration, read from the environment at start-up."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


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
    """Check every variable and report every problem at once, naming variables but never their values
    (SMTP_URL carries a password)."""
    problems: list[str] = []

    smtp_url = environ.get("SMTP_URL", "")
    if urlsplit(smtp_url).scheme not in ("smtp", "smtps"):
        problems.append("SMTP_URL must be an smtp:// or smtps:// URL")

    # bool("false") is True: only these words mean anything.
    word = environ.get("DEBUG", "false").strip().lower()
    debug = word in TRUE_WORDS
    if word not in TRUE_WORDS + FALSE_WORDS:
        problems.append(f"DEBUG must be one of {', '.join(TRUE_WORDS + FALSE_WORDS)}")

    timeout = 10.0
    try:
        timeout = float(environ.get("SEND_TIMEOUT_SECONDS", "10"))
    except ValueError:
        problems.append("SEND_TIMEOUT_SECONDS must be a number")
    else:
        # float() accepts nan and inf; NaN would pass `timeout <= 0`, and zero means "no wait at all".
        if not math.isfinite(timeout) or timeout <= 0:
            problems.append("SEND_TIMEOUT_SECONDS must be a finite number above 0")

    batch_size = 100
    raw_batch = environ.get("BATCH_SIZE", "100").strip()
    if not (raw_batch.isascii() and raw_batch.isdigit()):
        problems.append("BATCH_SIZE must be a whole number")
    else:
        batch_size = int(raw_batch)
        if not 1 <= batch_size <= 1000:
            problems.append("BATCH_SIZE must be between 1 and 1000")

    if problems:
        raise ConfigError(problems)
    return Settings(smtp_url, debug, timeout, batch_size)
