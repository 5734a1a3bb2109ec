"""Under overload the shedder keeps serving critical work and the page degrades instead of failing."""
# ruff: noqa: S311  (seeded random numbers make the tests repeatable; nothing here is security related)

from __future__ import annotations

import asyncio
import random

from examples.architecture.overload.shedding import POPULAR, LoadShedder, Priority, ProductPage, Reply


async def burst(shedder: LoadShedder, priorities: list[Priority]) -> list[int]:
    release = asyncio.Event()

    async def work() -> dict[str, object]:
        await release.wait()  # every admitted request stays in flight until the burst is over
        return {"ok": True}

    tasks = [asyncio.create_task(shedder.handle(p, work)) for p in priorities]
    await asyncio.sleep(0)  # let every request arrive
    release.set()
    return [reply.status for reply in await asyncio.gather(*tasks)]


# --8<-- [start:shedding]
def test_overload_sheds_sheddable_work_first_and_caps_what_runs():
    shedder = LoadShedder(limit=4, sheddable_share=0.5)
    arrivals = [Priority.SHEDDABLE] * 4 + [Priority.CRITICAL] * 4
    statuses = asyncio.run(burst(shedder, arrivals))
    # Sheddable work may use only half the capacity: two batch requests get in and two are refused while
    # room is still free. That reserved half is what lets two of the later critical requests in.
    assert statuses == [200, 200, 503, 503, 200, 200, 503, 503]
    assert shedder.shed == {Priority.SHEDDABLE: 2, Priority.CRITICAL: 2}
    assert shedder.in_flight == 0


def test_critical_requests_keep_all_the_capacity_when_no_batch_work_is_running():
    statuses = asyncio.run(burst(LoadShedder(limit=4), [Priority.CRITICAL] * 6))
    assert statuses.count(200) == 4 and statuses.count(503) == 2


# --8<-- [end:shedding]


async def shed_replies(shedder: LoadShedder, count: int) -> list[Reply]:
    async def work() -> dict[str, object]:
        raise AssertionError("a shed request must not run")

    return [await shedder.handle(Priority.CRITICAL, work) for _ in range(count)]


# --8<-- [start:retry_after]
def test_shed_clients_are_told_to_come_back_at_different_times():
    shedder = LoadShedder(limit=0, retry_after=(1, 10), rng=random.Random(3))
    replies = asyncio.run(shed_replies(shedder, 500))
    assert {reply.status for reply in replies} == {503}
    waits = [int(reply.headers["Retry-After"]) for reply in replies]
    assert all(1 <= wait <= 10 for wait in waits)  # within the documented bounds, whole seconds
    assert len(set(waits)) >= 8  # spread over the range, not one value for everybody
    assert max(waits.count(wait) for wait in set(waits)) < 0.2 * len(waits)  # no second gets a crowd


def test_the_retry_after_range_is_configurable():
    shedder = LoadShedder(limit=0, retry_after=(5, 6), rng=random.Random(3))
    waits = {reply.headers["Retry-After"] for reply in asyncio.run(shed_replies(shedder, 100))}
    assert waits == {"5", "6"}


# --8<-- [end:retry_after]


# --8<-- [start:degrade]
def test_a_slow_optional_dependency_degrades_the_page_instead_of_failing_it():
    async def slow(product: str) -> list[str]:
        await asyncio.sleep(10)
        return ["never"]

    page = asyncio.run(ProductPage(recommend=slow, recommend_timeout=0.01).render("teapot"))
    assert page == {"product": "teapot", "recommended": POPULAR, "degraded": True}


def test_under_overload_the_optional_call_is_not_even_made():
    calls: list[str] = []

    async def recommend(product: str) -> list[str]:
        calls.append(product)
        return ["cosy"]

    normal = asyncio.run(ProductPage(recommend=recommend).render("teapot"))
    browned_out = asyncio.run(ProductPage(recommend=recommend, overloaded=lambda: True).render("teapot"))
    assert normal["recommended"] == ["cosy"] and normal["degraded"] is False
    assert browned_out["recommended"] == POPULAR and browned_out["degraded"] is True
    assert calls == ["teapot"]  # only the normal render called the dependency


# --8<-- [end:degrade]
