"""Acceptance check: a slow, synchronous rates SDK must not stop the event loop.

The fake SDK below blocks on a threading.Event instead of sleeping, so each test decides exactly when the
partner "answers": no timing thresholds, only the order in which things happen.
"""

from __future__ import annotations

import asyncio
import threading
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from exercises import load_module

GIVE_UP_S = 5.0  # how long the fake partner waits before it answers anyway (only a broken answer waits this long)


class StalledPartner:
    """A rates SDK whose calls block until the test releases them, and which records what it saw."""

    def __init__(self, concurrent_calls_expected: int = 1) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.released_in_time: list[bool] = []
        self.barrier = threading.Barrier(concurrent_calls_expected, timeout=GIVE_UP_S)
        self.overlapped: list[bool] = []

    def get_rate(self, currency: str) -> Decimal:
        self.entered.set()
        try:
            self.barrier.wait()
            self.overlapped.append(True)
        except threading.BrokenBarrierError:
            self.overlapped.append(False)
        self.released_in_time.append(self.release.wait(GIVE_UP_S))
        return {"EUR": Decimal("0.80"), "GBP": Decimal("0.25")}[currency]


def client_for(answer: Path, partner: StalledPartner) -> httpx.AsyncClient:
    app = load_module(answer).create_app(partner)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://quotes", timeout=30)


async def _health_while_quote_waits(answer: Path, partner: StalledPartner) -> tuple[int, int]:
    async with client_for(answer, partner) as client:
        quote = asyncio.create_task(client.get("/quotes/1", params={"currency": "EUR"}))
        # Wait for the partner call to start, without blocking the loop ourselves.
        await asyncio.to_thread(partner.entered.wait, GIVE_UP_S)
        health = await client.get("/health")
        partner.release.set()  # only now does the partner answer
        return health.status_code, (await quote).status_code


def test_health_answers_while_a_quote_waits_on_the_partner(answer: Path) -> None:
    partner = StalledPartner()
    health_status, quote_status = asyncio.run(_health_while_quote_waits(answer, partner))
    assert (health_status, quote_status) == (200, 200)
    assert partner.released_in_time == [True], (
        "/health could not answer until the partner call returned: the synchronous SDK call ran on the "
        "event loop and froze every request on this worker. Run it off the loop (a plain `def` endpoint, "
        "or `await asyncio.to_thread(...)`)."
    )


async def _four_quotes_at_once(answer: Path, partner: StalledPartner) -> list[httpx.Response]:
    async with client_for(answer, partner) as client:
        partner.release.set()  # the partner answers at once; what matters is whether the calls overlap
        requests = [client.get(f"/quotes/{1 + n % 2}", params={"currency": "GBP"}) for n in range(4)]
        return list(await asyncio.gather(*requests))


def test_quotes_wait_on_the_partner_side_by_side(answer: Path) -> None:
    partner = StalledPartner(concurrent_calls_expected=4)
    responses = asyncio.run(_four_quotes_at_once(answer, partner))
    assert [r.status_code for r in responses] == [200] * 4
    assert partner.overlapped == [True] * 4, (
        "four quotes requested at once reached the partner one after another: each waited for the last "
        "to finish, so a slow partner multiplies every customer's wait"
    )


@pytest.mark.starter_passes
def test_quotes_use_the_partners_rate(answer: Path) -> None:
    partner = StalledPartner()
    partner.release.set()

    async def run() -> tuple[httpx.Response, httpx.Response]:
        async with client_for(answer, partner) as client:
            return await client.get("/quotes/1", params={"currency": "EUR"}), await client.get("/quotes/9?currency=EUR")

    found, missing = asyncio.run(run())
    assert found.status_code == 200
    assert found.json() == {"item_id": 1, "currency": "EUR", "amount": "39.99"}, "49.99 at the fake rate 0.80"
    assert missing.status_code == 404
