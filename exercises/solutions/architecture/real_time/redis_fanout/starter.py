"""Reference solution: the feed lives in Redis - a list for the events, its length for the ids, pub/sub to wake.

RPUSH appends atomically and returns the new length, which is the event's id, so both instances share one
sequence. The list is the history a reconnecting client resumes from. Pub/sub only wakes waiting requests;
it is fire-and-forget, so a waiter subscribes first and then re-reads the list, and a wake-up that arrives
before it subscribed is not lost. (A production feed would also trim old events, for example with LTRIM and an
offset, or use a Redis Stream.)
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

import redis.asyncio as redis
from fastapi import FastAPI, Header
from fastapi.sse import EventSourceResponse, ServerSentEvent


class RedisFeed:
    """The same interface as the in-memory feed, shared by every instance that uses the same Redis."""

    def __init__(self, url: str, name: str = "feed") -> None:
        self.r = redis.Redis.from_url(url)
        self.events_key, self.channel = f"{name}:events", f"{name}:new"

    async def publish(self, data: dict[str, Any]) -> int:
        event_id = int(await self.r.rpush(self.events_key, json.dumps(data)))  # the new length is the id
        await self.r.publish(self.channel, event_id)
        return event_id

    async def after(self, last_id: int) -> list[dict[str, Any]]:
        items = await self.r.lrange(self.events_key, last_id, -1)
        return [{"id": last_id + n + 1, "data": json.loads(item)} for n, item in enumerate(items)]

    async def wait_after(self, last_id: int, timeout: float) -> list[dict[str, Any]]:
        pubsub = self.r.pubsub()
        await pubsub.subscribe(self.channel)  # subscribe before looking, so no wake-up is missed
        try:
            loop = asyncio.get_running_loop()
            give_up = loop.time() + timeout
            while not (ready := await self.after(last_id)) and (left := give_up - loop.time()) > 0:
                await pubsub.get_message(ignore_subscribe_messages=True, timeout=min(left, 1.0))
            return ready
        finally:
            await pubsub.aclose()


def create_app(redis_url: str | None = None) -> FastAPI:
    app = FastAPI(title="Price feed")
    feed = RedisFeed(redis_url or "redis://localhost:6379/0")

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
