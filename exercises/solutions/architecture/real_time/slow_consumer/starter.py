"""Reference solution: each member gets a bounded outbox and a writer task; broadcast only enqueues.

`broadcast` puts the message in every member's queue without waiting, so a slow network delays only that
member. A full queue means the member has fallen MAX_QUEUE messages behind: it is closed with 1013 and
dropped, which bounds the memory any one client can hold. A writer whose send fails removes its own member.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Protocol

MAX_QUEUE = 100
TRY_AGAIN_LATER = 1013  # WebSocket close code from the IANA registry


class Connection(Protocol):
    async def send_json(self, data: Any) -> None: ...
    async def close(self, code: int = 1000) -> None: ...


class Room:
    def __init__(self) -> None:
        self.members: dict[Connection, tuple[asyncio.Queue[dict[str, Any]], asyncio.Task[None]]] = {}

    async def join(self, conn: Connection) -> None:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=MAX_QUEUE)
        self.members[conn] = (queue, asyncio.create_task(self._write(conn, queue)))

    async def leave(self, conn: Connection) -> None:
        member = self.members.pop(conn, None)
        if member is not None:
            member[1].cancel()

    async def broadcast(self, message: dict[str, Any]) -> None:
        too_slow = []
        for conn, (queue, _) in list(self.members.items()):
            try:
                queue.put_nowait(message)  # never waits for anyone's network
            except asyncio.QueueFull:
                too_slow.append(conn)
        for conn in too_slow:
            await self.leave(conn)
            with contextlib.suppress(Exception):  # it may be gone already
                await asyncio.wait_for(conn.close(code=TRY_AGAIN_LATER), timeout=1.0)

    async def _write(self, conn: Connection, queue: asyncio.Queue[dict[str, Any]]) -> None:
        try:
            while True:
                await conn.send_json(await queue.get())
        except asyncio.CancelledError:
            raise
        except Exception:  # the client is gone: only this member leaves
            self.members.pop(conn, None)
