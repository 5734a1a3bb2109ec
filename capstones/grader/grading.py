"""One grading run: every check of a suite against a base URL, in order, each isolated from the others."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from capstones.grader.context import REQUEST_TIMEOUT_S, Context
from capstones.grader.model import CheckFailed, Outcome, Status
from capstones.grader.suite import CheckSpec, Suite

NO_RESTART_REASON = "not run: the grader was given no restart command (--restart-command)"


@dataclass
class Run:
    suite: Suite
    base_url: str
    started_at: str
    seconds: float
    restart_given: bool
    outcomes: list[Outcome]

    def outcome(self, check_id: str) -> Outcome:
        return next(o for o in self.outcomes if o.check_id == check_id)

    @property
    def passed(self) -> bool:
        return all(o.status is Status.PASSED for o in self.outcomes)

    def failed_ids(self) -> list[str]:
        return [o.check_id for o in self.outcomes if o.status is not Status.PASSED]


def run_check(spec: CheckSpec, context: Context) -> Outcome:
    started = time.perf_counter()
    try:
        spec.run(context)
    except CheckFailed as failure:
        exchange = failure.exchange or (context.exchanges[-1] if context.exchanges else None)
        return Outcome(
            spec.id,
            Status.FAILED,
            _ms_since(started),
            expected=failure.expected,
            got=failure.got,
            exchange=exchange,
            metrics=context.metrics,
        )
    except Exception as error:
        # A body the check did not anticipate (a list for an object, a missing key) is the service's failure
        # to keep the contract; the report says where the grader was when it gave up.
        last = context.exchanges[-1] if context.exchanges else None
        where = traceback.extract_tb(error.__traceback__)[-1]
        return Outcome(
            spec.id,
            Status.FAILED,
            _ms_since(started),
            expected="a response the contract describes",
            got=f"the grader could not read the response ({type(error).__name__}: {error}; at line {where.lineno})",
            exchange=last,
            metrics=context.metrics,
        )
    return Outcome(spec.id, Status.PASSED, _ms_since(started), metrics=context.metrics)


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def grade(
    suite: Suite,
    base_url: str,
    *,
    budgets: Mapping[str, float],
    restart: Callable[[], None] | None = None,
    only: list[str] | None = None,
) -> Run:
    """Run the suite's checks in order. A check that needs a restart is 'not run' when `restart` is None."""
    shared: dict[str, Any] = {}
    outcomes: list[Outcome] = []
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.perf_counter()
    # A fresh connection per request: a server may close a kept-alive connection after a 500, and the next
    # check must not fail for the previous one's sake. (The load in performance checks keeps connections.)
    fresh_connections = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(timeout=REQUEST_TIMEOUT_S, follow_redirects=False, limits=fresh_connections) as client:
        for spec in suite.checks:
            if only is not None and spec.id not in only:
                continue
            if spec.needs_restart and restart is None:
                outcomes.append(Outcome(spec.id, Status.NOT_RUN, 0.0, reason=NO_RESTART_REASON))
                continue
            context = Context(
                base_url, client, budgets=budgets, shared=shared, restart=restart if spec.needs_restart else None
            )
            outcomes.append(run_check(spec, context))
    return Run(
        suite=suite,
        base_url=base_url,
        started_at=started_at,
        seconds=round(time.perf_counter() - started, 2),
        restart_given=restart is not None,
        outcomes=outcomes,
    )
