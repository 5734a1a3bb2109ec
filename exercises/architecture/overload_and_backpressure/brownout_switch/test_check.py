"""Acceptance check: in a burst, recommendations are called only while at most 75% of the limit is in flight, every
browned-out render is marked degraded, and nothing changes below the threshold."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module


async def burst(module: ModuleType, limit: int, requests: int) -> tuple[list[object], list[int]]:
    """`requests` concurrent renders; recommendations hang until every request has arrived.

    Returns the replies and, for each call to recommendations, how many requests were in flight at that moment.
    """
    release = asyncio.Event()
    seen: list[int] = []

    async def recommend(product: str) -> list[str]:
        seen.append(service.shedder.in_flight)
        await release.wait()
        return ["cosy", "warm"]

    service = module.ProductService(limit=limit, recommend=recommend)
    tasks = []
    for n in range(requests):
        tasks.append(asyncio.create_task(service.product(f"item-{n}")))
        await asyncio.sleep(0)  # let this request reach the page before the next one arrives
    release.set()
    return list(await asyncio.gather(*tasks)), seen


@pytest.mark.parametrize("limit", [8, 10, 20])
def test_recommendations_stop_above_75_percent_of_the_limit(answer: Path, limit: int) -> None:
    _, seen = asyncio.run(burst(load_module(answer), limit=limit, requests=limit))
    allowed = int(0.75 * limit)
    assert len(seen) == allowed, (
        f"with a limit of {limit}, recommendations were called {len(seen)} times, with up to {max(seen)} requests "
        f"in flight; the brownout must switch them off once more than {allowed} are in flight"
    )


@pytest.mark.starter_passes
def test_every_browned_out_render_is_degraded(answer: Path) -> None:
    module = load_module(answer)
    replies, seen = asyncio.run(burst(module, limit=8, requests=8))
    bodies = [reply.body for reply in replies if reply.status == 200]
    degraded = [body for body in bodies if body["degraded"]]
    assert len(degraded) == len(bodies) - len(seen), "a render without recommendations is marked degraded"
    assert all(body["recommended"] == module.POPULAR for body in degraded)
    assert all(body["recommended"] == ["cosy", "warm"] for body in bodies if not body["degraded"])


@pytest.mark.starter_passes
def test_below_the_threshold_nothing_is_degraded(answer: Path) -> None:
    replies, seen = asyncio.run(burst(load_module(answer), limit=8, requests=5))
    assert len(seen) == 5
    assert all(reply.status == 200 and reply.body["degraded"] is False for reply in replies)


@pytest.mark.starter_passes
def test_the_shedder_still_refuses_what_is_over_the_limit(answer: Path) -> None:
    async def main() -> list[int]:
        module = load_module(answer)
        release = asyncio.Event()

        async def hold(product: str) -> dict[str, object]:
            await release.wait()
            return {"product": product}

        shedder = module.LoadShedder(limit=2)
        tasks = [asyncio.create_task(shedder.handle(lambda n=n: hold(str(n)))) for n in range(3)]
        await asyncio.sleep(0)
        release.set()
        return [reply.status for reply in await asyncio.gather(*tasks)]

    assert asyncio.run(main()) == [200, 200, 503]
