"""Backpressure with asyncio: a bounded queue makes a fast producer wait for a slow consumer."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class Trace:
    """What happened, in order, so tests can check the interleaving instead of timing it."""

    events: list[tuple[str, int]] = field(default_factory=list)
    peak_backlog: int = 0


# --8<-- [start:pipeline]
async def produce(queue: asyncio.Queue[int | None], items: int, trace: Trace) -> None:
    for item in range(items):
        await queue.put(item)  # bounded queue: waits here while the queue is full
        trace.events.append(("produced", item))
        trace.peak_backlog = max(trace.peak_backlog, queue.qsize())
    await queue.put(None)  # end of stream


async def consume(queue: asyncio.Queue[int | None], work_seconds: float, trace: Trace) -> None:
    while (item := await queue.get()) is not None:
        await asyncio.sleep(work_seconds)  # the slow part: a database write, an API call
        trace.events.append(("consumed", item))


async def run_pipeline(items: int, capacity: int, work_seconds: float = 0.001) -> Trace:
    """capacity=0 means an unbounded queue: no backpressure at all."""
    trace = Trace()
    queue: asyncio.Queue[int | None] = asyncio.Queue(maxsize=capacity)
    await asyncio.gather(produce(queue, items, trace), consume(queue, work_seconds, trace))
    return trace


# --8<-- [end:pipeline]


def lead(trace: Trace) -> int:
    """The most items the producer was ever ahead of the consumer."""
    produced = consumed = worst = 0
    for kind, _ in trace.events:
        produced += kind == "produced"
        consumed += kind == "consumed"
        worst = max(worst, produced - consumed)
    return worst


# --8<-- [start:admission]
class Busy(Exception):
    """Raised to a caller that cannot wait: answer 503 with Retry-After instead of queueing."""


def admit(queue: asyncio.Queue[str], job: str) -> None:
    """For callers that must not block (an HTTP handler): push back at once when the queue is full."""
    try:
        queue.put_nowait(job)
    except asyncio.QueueFull:
        raise Busy(f"{queue.maxsize} jobs already waiting") from None


# --8<-- [end:admission]
