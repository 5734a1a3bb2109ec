"""Exercise: a brownout switch that flips too late.

Symptom: on Black Friday the product service shed critical requests (503s to paying customers) while it was still
calling the recommendations service for every page. The brownout was wired up, but it switched recommendations off
only once the shedder was completely full, which is the moment it starts refusing users anyway.

Diagnose it with the check (`make exercise ID=architecture/overload_and_backpressure/brownout_switch`), then make
recommendations turn off when more than 75% of the shedder's limit is in flight, counting the request being
rendered, so the optional work stops before the core work is refused.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

POPULAR = ["kettle", "mug", "teapot"]  # precomputed and cached: cheap, a little stale, always there


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, object]


class LoadShedder:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.in_flight = 0

    async def handle(self, work: Callable[[], Awaitable[dict[str, object]]]) -> Reply:
        if self.in_flight >= self.limit:
            return Reply(503, {"title": "Service overloaded"})
        self.in_flight += 1
        try:
            return Reply(200, await work())
        finally:
            self.in_flight -= 1


@dataclass
class ProductPage:
    recommend: Callable[[str], Awaitable[list[str]]]  # the optional dependency
    overloaded: Callable[[], bool] = lambda: False
    recommend_timeout: float = 1.0

    async def render(self, product: str) -> dict[str, object]:
        if self.overloaded():
            return {"product": product, "recommended": POPULAR, "degraded": True}
        try:
            async with asyncio.timeout(self.recommend_timeout):
                return {"product": product, "recommended": await self.recommend(product), "degraded": False}
        except (TimeoutError, ConnectionError):
            return {"product": product, "recommended": POPULAR, "degraded": True}


class ProductService:
    """The wiring: every page render goes through the shedder, and the page asks the shedder about overload."""

    def __init__(self, limit: int, recommend: Callable[[str], Awaitable[list[str]]]) -> None:
        self.shedder = LoadShedder(limit)
        self.page = ProductPage(recommend=recommend, overloaded=self.brownout)

    def brownout(self) -> bool:
        return self.shedder.in_flight >= self.shedder.limit

    async def product(self, name: str) -> Reply:
        return await self.shedder.handle(lambda: self.page.render(name))
