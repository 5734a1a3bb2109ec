"""A saga: a business transaction across services as local steps, each undone by a compensating step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


# --8<-- [start:saga]
@dataclass(frozen=True)
class Step:
    name: str
    action: Callable[[], None]  # a local transaction in one service; raises if it fails
    compensation: Callable[[], None]  # a new transaction that semantically undoes `action`


@dataclass
class SagaResult:
    completed: bool
    done: list[str] = field(default_factory=list)
    compensated: list[str] = field(default_factory=list)
    failed_step: str | None = None


def run_saga(steps: list[Step]) -> SagaResult:
    """Run the steps in order; if one fails, compensate the finished ones newest first.

    Each step has already committed in its own service, so nothing can be rolled back: the saga
    can only move forward by running compensations, which are ordinary business actions.
    """
    result = SagaResult(completed=False)
    finished: list[Step] = []
    for step in steps:
        try:
            step.action()
        except Exception:
            result.failed_step = step.name
            for done in reversed(finished):
                done.compensation()  # must be retried until it succeeds, so make it idempotent
                result.compensated.append(done.name)
            return result
        finished.append(step)
        result.done.append(step.name)
    result.completed = True
    return result


# --8<-- [end:saga]
