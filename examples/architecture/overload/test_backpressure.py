"""A bounded queue keeps the producer within `capacity` items of the consumer; an unbounded one does not."""

from __future__ import annotations

import asyncio

import pytest

from examples.architecture.overload.backpressure import Busy, admit, lead, run_pipeline


# --8<-- [start:tests]
def test_a_bounded_queue_holds_the_producer_back():
    trace = asyncio.run(run_pipeline(items=200, capacity=10))
    assert trace.peak_backlog <= 10
    assert lead(trace) <= 11  # the queue's 10 plus the one the consumer is working on
    assert [item for kind, item in trace.events if kind == "consumed"] == list(range(200))


def test_an_unbounded_queue_lets_the_backlog_grow_with_the_input():
    trace = asyncio.run(run_pipeline(items=200, capacity=0))
    assert trace.peak_backlog == 200  # everything waits in memory; under real load, until the process dies
    assert lead(trace) == 200


def test_a_caller_that_cannot_wait_is_pushed_back_at_once():
    queue: asyncio.Queue[str] = asyncio.Queue(maxsize=2)
    admit(queue, "a")
    admit(queue, "b")
    with pytest.raises(Busy, match="2 jobs already waiting"):
        admit(queue, "c")
    assert queue.qsize() == 2


# --8<-- [end:tests]
