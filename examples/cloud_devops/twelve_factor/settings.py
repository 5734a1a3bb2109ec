"""Twelve-factor configuration: every setting comes from the environment, is validated once at start-up,
and a bad or missing value stops the process with a message that names the variable (never its value)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

N = TypeVar("N", int, float)

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class ConfigError(Exception):
    """All the problems found, so an operator fixes them in one go instead of one restart per variable."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


# --8<-- [start:settings]
@dataclass(frozen=True)
class Settings:
    database_url: str
    port: int = 8000
    log_level: str = "INFO"
    debug: bool = False
    allowed_hosts: tuple[str, ...] = ()
    job_seconds: float = 0.5


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Read and check every variable, collecting all problems before failing."""
    problems: list[str] = []

    database_url = environ.get("DATABASE_URL", "")
    if not database_url:
        problems.append("DATABASE_URL is required (a backing service is an attached resource named by URL)")
    elif urlsplit(database_url).scheme not in ("postgresql", "postgres"):
        problems.append("DATABASE_URL must be a postgresql:// URL")

    port = _ranged(environ, "PORT", 8000, int, "a whole number", low=1, high=65535, problems=problems)
    log_level = environ.get("LOG_LEVEL", "INFO").upper()
    if log_level not in LOG_LEVELS:
        problems.append(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}")
    debug = _boolean(environ, "DEBUG", default=False, problems=problems)
    hosts = tuple(h.strip() for h in environ.get("ALLOWED_HOSTS", "").split(",") if h.strip())
    job_seconds = _ranged(environ, "JOB_SECONDS", 0.5, float, "a number", low=0.0, high=None, problems=problems)

    if problems:
        raise ConfigError(problems)
    return Settings(database_url, port, log_level, debug, hosts, job_seconds)


# --8<-- [end:settings]


def _ranged(
    environ: Mapping[str, str],
    name: str,
    default: N,
    convert: Callable[[str], N],
    kind: str,
    low: N,
    high: N | None,
    problems: list[str],
) -> N:
    """A number parsed with `convert` (int or float) and checked against its range."""
    raw = environ.get(name)
    if raw is None:
        return default
    try:
        value = convert(raw)
    except ValueError:
        problems.append(f"{name} must be {kind}")
        return default
    if not math.isfinite(value):
        # float() accepts "nan" and "inf". NaN passes every range check below (all its comparisons are False),
        # and either one reaches time.sleep() or a timeout as a crash much later.
        problems.append(f"{name} must be {kind}, not {raw.strip()}")
        return default
    if value < low or (high is not None and value > high):
        problems.append(
            f"{name} must be between {low} and {high}" if high is not None else f"{name} must be at least {low}"
        )
    return value


def _boolean(environ: Mapping[str, str], name: str, default: bool, problems: list[str]) -> bool:
    # bool("false") is True in Python: parse the words explicitly and reject anything else.
    raw = environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    problems.append(f"{name} must be one of {', '.join(TRUE_WORDS + FALSE_WORDS)}")
    return default
