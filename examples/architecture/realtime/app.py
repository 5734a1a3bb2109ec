"""One event feed, three ways to deliver it: long polling, server-sent events and a WebSocket room.

Run it with `uvicorn examples.architecture.realtime.app:app` and open two terminals with curl.
Everything is in memory in one process: a real deployment with several instances needs a shared
broker (Redis pub/sub or Streams, NATS, Kafka) behind the feed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import FastAPI, Header, WebSocket, WebSocketDisconnect
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

    def after(self, last_id: int) -> list[dict[str, Any]]:
        return self.events[last_id:]

    async def wait_after(self, last_id: int, timeout: float) -> list[dict[str, Any]]:
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(lambda: len(self.events) > last_id), timeout)
            except TimeoutError:
                return []
        return self.after(last_id)


def create_app() -> FastAPI:
    app = FastAPI(title="Real-time delivery demo")
    feed = Feed()
    app.state.feed = feed

    @app.post("/publish", status_code=201)
    async def publish(data: dict[str, Any]) -> dict[str, int]:
        return {"id": await feed.publish(data)}

    # --8<-- [start:long_poll]
    @app.get("/poll")
    async def poll(after: int = 0, timeout: float = 25.0) -> list[dict[str, Any]]:
        """Answer at once if there is news; otherwise hold the request until news or the timeout."""
        ready = feed.after(after)
        if ready or timeout <= 0:  # timeout=0 turns this into plain (short) polling
            return ready
        return await feed.wait_after(after, min(timeout, 30.0))  # stay under proxy idle timeouts

    # --8<-- [end:long_poll]

    # --8<-- [start:sse]
    @app.get("/events", response_class=EventSourceResponse)
    async def events(
        last_event_id: Annotated[int, Header()] = 0, limit: int | None = None
    ) -> AsyncIterator[ServerSentEvent]:
        """Stream events after Last-Event-ID; a reconnecting browser sends that header by itself."""
        sent, cursor = 0, last_event_id
        while limit is None or sent < limit:
            batch = feed.after(cursor) or await feed.wait_after(cursor, timeout=15.0)
            for item in batch:
                yield ServerSentEvent(id=str(item["id"]), event="update", data=item["data"], retry=3000)
                cursor, sent = item["id"], sent + 1
                if limit is not None and sent >= limit:
                    return

    # --8<-- [end:sse]

    # --8<-- [start:websocket]
    room: set[WebSocket] = set()

    @app.websocket("/ws")
    async def chat(ws: WebSocket) -> None:
        await ws.accept()
        room.add(ws)
        try:
            while True:
                message = await ws.receive_json()  # both directions on one connection
                text = str(message.get("text", ""))[:500]  # never trust the size a client sends
                for peer in list(room):
                    await peer.send_json({"from": message.get("name", "anon"), "text": text})
        except WebSocketDisconnect:
            pass
        finally:
            room.discard(ws)

    # --8<-- [end:websocket]
    return app


app = create_app()
