"""Load shedding by priority, and graceful degradation of optional features, in an asyncio service."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import IntEnum


class Priority(IntEnum):
    SHEDDABLE = 0  # prefetches, batch jobs, retries: drop these first
    CRITICAL = 1  # a user is waiting


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, object]
    headers: dict[str, str]


# --8<-- [start:shedder]
class LoadShedder:
    """Admit at most `limit` requests at once; sheddable ones only while there is headroom left."""

    def __init__(
        self,
        limit: int,
        sheddable_share: float = 0.5,
        retry_after: tuple[int, int] = (1, 10),
        rng: random.Random | None = None,
    ) -> None:
        self.limit = limit
        self.sheddable_limit = int(limit * sheddable_share)
        self.retry_after = retry_after  # whole seconds, lowest and highest, both included
        self.rng = rng or random.Random()  # noqa: S311 - spreads retries out, not a secret
        self.in_flight = 0
        self.shed = {Priority.SHEDDABLE: 0, Priority.CRITICAL: 0}

    async def handle(self, priority: Priority, work: Callable[[], Awaitable[dict[str, object]]]) -> Reply:
        ceiling = self.limit if priority is Priority.CRITICAL else self.sheddable_limit
        if self.in_flight >= ceiling:
            self.shed[priority] += 1
            # Rejecting costs microseconds. A different Retry-After for each shed client spreads their
            # retries over several seconds, so they do not all come back in the same second.
            seconds = self.rng.randint(*self.retry_after)
            return Reply(503, {"title": "Service overloaded"}, {"Retry-After": str(seconds)})
        self.in_flight += 1
        try:
            return Reply(200, await work(), {})
        finally:
            self.in_flight -= 1


# --8<-- [end:shedder]


# --8<-- [start:degrade]
POPULAR = ["kettle", "mug", "teapot"]  # precomputed and cached: cheap, a little stale, always there


@dataclass
class ProductPage:
    recommend: Callable[[str], Awaitable[list[str]]]  # an optional dependency
    recommend_timeout: float = 0.05
    overloaded: Callable[[], bool] = lambda: False  # e.g. the shedder is near its limit

    async def render(self, product: str) -> dict[str, object]:
        page: dict[str, object] = {"product": product, "degraded": False}
        if self.overloaded():
            # Brownout: under overload, do not even ask; the feature is switched off for now.
            return {**page, "recommended": POPULAR, "degraded": True}
        try:
            async with asyncio.timeout(self.recommend_timeout):
                page["recommended"] = await self.recommend(product)
        except (TimeoutError, ConnectionError):
            # The core of the page still works: show a cheaper, generic answer instead of an error.
            page.update(recommended=POPULAR, degraded=True)
        return page


# --8<-- [end:degrade]
