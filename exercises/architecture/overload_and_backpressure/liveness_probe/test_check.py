"""Acceptance check: /livez answers 200 while every request slot is busy and while the database is down, /readyz
answers 503 while the database is down, and user requests over the limit are still shed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from exercises import load_module


class FakeDatabase:
    """Orders hang until `release` is set, so a test can hold every request slot; `up` decides ping()."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.waiting = 0
        self.up = True

    async def fetch_order(self, order_id: int) -> dict[str, object]:
        self.waiting += 1
        await self.release.wait()
        return {"id": order_id}

    async def ping(self) -> None:
        if not self.up:
            raise ConnectionError("database unreachable")
        await asyncio.sleep(0)


async def saturated(answer: Path, path: str) -> tuple[int, list[int]]:
    """Fill every request slot with slow orders, then send one request to `path` while they are all in flight."""
    db = FakeDatabase()
    app = load_module(answer).create_app(db, limit=4)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://pod") as client:
        orders = [asyncio.create_task(client.get(f"/orders/{n}")) for n in range(4)]
        for _ in range(10_000):  # let the event loop run, without a timer, until all four hold a slot
            if db.waiting == 4:
                break
            await asyncio.sleep(0)
        else:
            pytest.fail(f"only {db.waiting} of 4 orders reached the database: do not shed below the limit")
        probe = await client.get(path)
        db.release.set()
        return probe.status_code, [response.status_code for response in await asyncio.gather(*orders)]


async def with_database_down(answer: Path, path: str) -> int:
    db = FakeDatabase()
    db.up = False
    app = load_module(answer).create_app(db, limit=4)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://pod") as client:
        return (await client.get(path)).status_code


def test_liveness_passes_while_every_slot_is_busy(answer: Path) -> None:
    status, orders = asyncio.run(saturated(answer, "/livez"))
    assert orders == [200, 200, 200, 200]
    assert status == 200, (
        f"/livez answered {status} while the pod was busy but healthy: the kubelet restarts a pod after a few "
        "failed liveness probes, which kills its requests and moves its load to the other pods"
    )


def test_liveness_passes_while_the_database_is_down(answer: Path) -> None:
    status = asyncio.run(with_database_down(answer, "/livez"))
    assert status == 200, (
        f"/livez answered {status} during a database outage: every pod fails it at once and is restarted, "
        "which cannot fix the database and adds cold starts on top"
    )


def test_readiness_reports_a_database_outage_with_503(answer: Path) -> None:
    status = asyncio.run(with_database_down(answer, "/readyz"))
    assert status == 503, f"/readyz answered {status}: say 'not ready' with a 503, not an unhandled error"


@pytest.mark.starter_passes
def test_readiness_passes_when_the_database_is_up(answer: Path) -> None:
    async def main() -> int:
        app = load_module(answer).create_app(FakeDatabase())
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://pod") as client:
            return (await client.get("/readyz")).status_code

    assert asyncio.run(main()) == 200


@pytest.mark.starter_passes
def test_user_requests_over_the_limit_are_still_shed(answer: Path) -> None:
    status, orders = asyncio.run(saturated(answer, "/orders/99"))
    assert status == 503 and orders == [200, 200, 200, 200]
