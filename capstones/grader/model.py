"""The grader's data: check groups, outcomes and the exchanges a failed check shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# What a report keeps of a body or header value: enough to see the problem, never a whole page.
BODY_LIMIT = 2_000
HEADER_LIMIT = 300


class Group(StrEnum):
    CONTRACT = "contract"
    ERRORS = "errors and validation"
    SECURITY = "security"
    ROBUSTNESS = "robustness"
    PERFORMANCE = "performance"


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_RUN = "not run"


LEVELS = ("junior", "mid", "senior")


@dataclass(frozen=True)
class Evidence:
    """A skills-matrix row (a topic id of data/skills.yml) and the level a passed check is evidence for."""

    row: str
    level: str


@dataclass(frozen=True)
class Message:
    """One side of an HTTP exchange, already truncated for the report."""

    method: str | None
    url: str | None
    status: int | None
    headers: list[tuple[str, str]]
    body: str
    body_truncated: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "url": self.url,
            "status": self.status,
            "headers": [list(pair) for pair in self.headers],
            "body": self.body,
            "body_truncated": self.body_truncated,
        }


@dataclass(frozen=True)
class Exchange:
    """A request the grader sent and what came back (response None: the connection failed)."""

    request: Message
    response: Message | None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "request": self.request.as_json(),
            "response": self.response.as_json() if self.response else None,
            "error": self.error,
        }


class CheckFailed(Exception):
    """Raised by a check: `expected` says what the service should have done; the exchange shows what it did."""

    def __init__(self, expected: str, exchange: Exchange | None = None, *, got: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.exchange = exchange
        self.got = got


@dataclass
class Outcome:
    """The result of one check in one run."""

    check_id: str
    status: Status
    duration_ms: float
    expected: str | None = None
    got: str | None = None
    exchange: Exchange | None = None
    reason: str | None = None
    metrics: dict[str, float | int | str] = field(default_factory=dict)


def truncate(text: str, limit: int) -> tuple[str, bool]:
    return (text, False) if len(text) <= limit else (text[:limit], True)
