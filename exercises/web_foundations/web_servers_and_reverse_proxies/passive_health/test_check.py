"""Acceptance check: with one upstream down, every request still succeeds through the live one; the dead one is
tried at most once per FAIL_TIMEOUT (read from the answer) and again once the window has passed; with every
upstream down the client gets a gateway error instead of a hang; healthy upstreams still share the load.

A "dead" upstream here is an address whose connection attempts never complete (TEST-NET-1, 192.0.2.0/24): the
check replaces asyncio.open_connection so that such attempts wait forever and are counted. The proxy's clock is
the check's own, so the window passes without any sleep.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import pytest

from exercises import load_module

DEAD = ("192.0.2.1", 80)
T = TypeVar("T")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Connection attempts per host; attempts to TEST-NET-1 hang like SYNs to a powered-off machine."""
    counted: Counter[str] = Counter()
    real_open = asyncio.open_connection

    async def open_connection(
        host: str, port: int, **kwargs: object
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        counted[host] += 1
        if host.startswith("192.0.2."):
            await asyncio.Event().wait()
        return await real_open(host, port, **kwargs)

    monkeypatch.setattr(asyncio, "open_connection", open_connection)
    return counted


async def backend(name: str) -> asyncio.Server:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        body = f"backend={name}\n".encode()
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


async def get(port: int) -> tuple[int, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /orders HTTP/1.1\r\nHost: api.example.com\r\n\r\n")
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    match = re.search(rb"backend=(\w+)", body)
    return int(head.split()[1]), match.group(1).decode() if match else ""


def run(answer: Path, upstream_names: list[str], scenario: Callable[..., Awaitable[T]]) -> T:
    """Start backends ("dead" means DEAD), the answer's proxy in front of them, and run the scenario."""
    module: ModuleType = load_module(answer)

    async def main() -> T:
        servers = {name: await backend(name) for name in upstream_names if name != "dead"}
        addresses = [
            DEAD if name == "dead" else ("127.0.0.1", servers[name].sockets[0].getsockname()[1])
            for name in upstream_names
        ]
        clock = Clock()
        proxy = module.ReverseProxy(addresses, timeout=0.1, clock=clock)
        front = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
        try:
            return await scenario(front.sockets[0].getsockname()[1], clock, module)
        finally:
            for server in (front, *servers.values()):
                server.close()

    return asyncio.run(main())


def test_every_request_succeeds_while_one_upstream_is_down(answer: Path, attempts: Counter[str]) -> None:
    async def scenario(port: int, _clock: Clock, _module: ModuleType) -> list[tuple[int, str]]:
        return [await get(port) for _ in range(6)]

    results = run(answer, ["dead", "live"], scenario)
    assert results == [(200, "live")] * 6, f"with one upstream down, clients got {results}"


def test_a_failed_upstream_is_left_alone_for_fail_timeout(answer: Path, attempts: Counter[str]) -> None:
    async def scenario(port: int, clock: Clock, module: ModuleType) -> tuple[int, int, list[tuple[int, str]]]:
        for _ in range(6):
            await get(port)
        inside_window = attempts[DEAD[0]]
        clock.now += module.FAIL_TIMEOUT + 1  # the window has passed: give the upstream another chance
        after = [await get(port) for _ in range(2)]
        return inside_window, attempts[DEAD[0]], after

    inside_window, total, after = run(answer, ["dead", "live"], scenario)
    assert inside_window == 1, (
        f"the dead upstream was tried {inside_window} times within FAIL_TIMEOUT; each try costs a connect timeout"
    )
    assert total == 2, "after FAIL_TIMEOUT the upstream must be tried again (it may have come back)"
    assert after == [(200, "live")] * 2


@pytest.mark.starter_passes
def test_with_every_upstream_down_the_client_gets_a_gateway_error(answer: Path, attempts: Counter[str]) -> None:
    async def scenario(port: int, _clock: Clock, _module: ModuleType) -> list[int]:
        return [(await get(port))[0] for _ in range(3)]

    statuses = run(answer, ["dead", "dead"], scenario)
    assert all(status in {502, 503, 504} for status in statuses), f"got {statuses}"


@pytest.mark.starter_passes
def test_healthy_upstreams_still_share_the_load(answer: Path, attempts: Counter[str]) -> None:
    async def scenario(port: int, _clock: Clock, _module: ModuleType) -> list[str]:
        return [(await get(port))[1] for _ in range(4)]

    assert run(answer, ["a", "b"], scenario) == ["a", "b", "a", "b"]
