"""Async versus blocking code on one event loop: why `time.sleep` inside `async def` hurts everyone."""

from __future__ import annotations

import asyncio
import time


# --8<-- [start:handlers]
async def well_behaved_handler() -> str:
    await asyncio.sleep(0.2)  # stands for awaiting a database or HTTP call: the loop serves others meanwhile
    return "done"


async def blocking_handler() -> str:
    time.sleep(0.2)  # a synchronous driver call: the whole event loop stops for 0.2 s
    return "done"


async def offloaded_handler() -> str:
    # If a library has no async API, run it in a worker thread so the loop stays free.
    await asyncio.to_thread(time.sleep, 0.2)
    return "done"


async def serve_concurrently(handler_count: int, handler: object) -> float:
    """Start `handler_count` requests at once and return how long all of them took, in seconds."""
    start = time.perf_counter()
    await asyncio.gather(*(handler() for _ in range(handler_count)))  # type: ignore[operator]
    return time.perf_counter() - start


# --8<-- [end:handlers]
