"""Clients of the operation resource: one that breaks when the API adds a status value, one that does not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any, Protocol

import httpx


class Getter(Protocol):
    def get(self, url: str) -> httpx.Response: ...


# --8<-- [start:strict]
class OperationStatus(StrEnum):
    """What a code generator makes of a closed `enum`: exactly the values the document listed that day."""

    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


def strict_is_finished(operation: dict[str, Any]) -> bool:
    match OperationStatus(operation["status"]):  # ValueError for any value added after this client was built
        case OperationStatus.RUNNING:
            return False
        case OperationStatus.SUCCEEDED | OperationStatus.FAILED:
            return True


# --8<-- [end:strict]


# --8<-- [start:tolerant]
@dataclass(frozen=True)
class Outcome:
    succeeded: bool
    status: str  # exactly as the server sent it, including values this client has never heard of
    result: str | None
    error: dict[str, Any] | None


def wait_for_operation(http: Getter, location: str, sleep: Callable[[float], None], max_polls: int = 120) -> Outcome:
    for _ in range(max_polls):
        response = http.get(location)
        response.raise_for_status()
        operation = response.json()
        if operation["done"]:
            # Only the value this client knows means success; any other final status, "failed" or one added
            # later, is reported as not succeeded, with the server's own word for it.
            status = str(operation["status"])
            return Outcome(status == "succeeded", status, operation.get("result"), operation.get("error"))
        sleep(retry_after_seconds(response.headers.get("Retry-After")))
    raise TimeoutError(f"{location} was not done after {max_polls} polls")


def retry_after_seconds(value: str | None, default: float = 1.0, cap: float = 60.0) -> float:
    """Retry-After is either delay-seconds or an HTTP-date (RFC 9110, 10.2.3). Anything else gets the default;
    the cap keeps one odd value from stalling the client for hours."""
    if value is None:
        return default
    if value.strip().isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        return default
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), cap)


# --8<-- [end:tolerant]
