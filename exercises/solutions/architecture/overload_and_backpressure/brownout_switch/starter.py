"""A reference solution: the brownout switches optional work off at 75% of the limit, before any request is shed."""

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

    BROWNOUT_SHARE = 0.75

    def brownout(self) -> bool:
        # Compare with the limit, not a fixed count, so the threshold follows the limit when it is tuned. In-flight
        # counts the request being rendered, so at a limit of 8 the 7th concurrent render is the first to skip.
        return self.shedder.in_flight > self.BROWNOUT_SHARE * self.shedder.limit

    async def product(self, name: str) -> Reply:
        return await self.shedder.handle(lambda: self.page.render(name))
