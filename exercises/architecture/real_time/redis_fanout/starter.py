"""Exercise: half the users stopped getting live prices after the second instance went up.

Symptom: the price feed was scaled from one instance to two behind a round-robin load balancer. Since then
about half the clients never see some updates, event ids repeat (two different prices both arrive as id 7),
and a reconnecting browser sometimes resumes from the wrong place. The feed lives in each process's memory.

Diagnose it with the check (`make exercise ID=architecture/real_time/redis_fanout`): it runs two instances on
one Redis. Then keep the events, their ids and the wake-up signal in Redis, so that an event published on
either instance reaches long polls and SSE streams on both, with one sequence of ids. `create_app` already
receives the Redis URL.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import FastAPI, Header
from fastapi.sse import EventSourceResponse, ServerSentEvent


class Feed:
    """An append-only list of events with increasing ids, and a way to wait for the next one."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()

    async def publish(self, data: dict[str, Any]) -> int:
        async with self._changed:
            event_id = len(self.events) + 1
            self.events.append({"id": event_id, "data": data})
            self._changed.notify_all()
        return event_id

    async def after(self, last_id: int) -> list[dict[str, Any]]:
        return self.events[last_id:]

    async def wait_after(self, last_id: int, timeout: float) -> list[dict[str, Any]]:
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(self.events) > last_id), timeout)
            except TimeoutError:
                return []
        return await self.after(last_id)


def create_app(redis_url: str | None = None) -> FastAPI:
    """`redis_url` is where a shared feed would live; this version keeps the feed in process memory."""
    app = FastAPI(title="Price feed")
    feed = Feed()

    @app.post("/publish", status_code=201)
    async def publish(data: dict[str, Any]) -> dict[str, int]:
        return {"id": await feed.publish(data)}

    @app.get("/poll")
    async def poll(after: int = 0, timeout: float = 25.0) -> list[dict[str, Any]]:
        ready = await feed.after(after)
        if ready or timeout <= 0:
            return ready
        return await feed.wait_after(after, min(timeout, 30.0))

    @app.get("/events", response_class=EventSourceResponse)
    async def events(
        last_event_id: Annotated[int, Header()] = 0, limit: int | None = None
    ) -> AsyncIterator[ServerSentEvent]:
        sent, cursor = 0, last_event_id
        while limit is None or sent < limit:
            batch = await feed.after(cursor) or await feed.wait_after(cursor, timeout=15.0)
            for item in batch:
                yield ServerSentEvent(id=str(item["id"]), event="update", data=item["data"], retry=3000)
                cursor, sent = item["id"], sent + 1
                if limit is not None and sent >= limit:
                    return

    return app
