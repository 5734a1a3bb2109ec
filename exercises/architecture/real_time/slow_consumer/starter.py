"""Exercise: one slow phone froze the whole room.

Symptom: in a 300-person live event chat, messages stopped for everyone for 40 seconds at a time. The
traces show `broadcast` stuck in `send_json` to a single client on a bad mobile connection; once that
client's TCP window filled, every message to the room waited behind it. Earlier, a client that vanished
mid-send crashed the sender's handler and disconnected an innocent user.

Diagnose it with the check (`make exercise ID=architecture/real_time/slow_consumer`). Then decouple the room
from its slowest member: `broadcast` must never wait for a client's network. Give each member a bounded
outbox (MAX_QUEUE messages) drained by its own task; a member whose outbox is full is too slow to keep up,
so close it with code 1013 ("try again later") and drop it from the room. A member whose send fails leaves
the room without affecting anyone else.
"""

from __future__ import annotations

from typing import Any, Protocol

MAX_QUEUE = 100


class Connection(Protocol):
    async def send_json(self, data: Any) -> None: ...
    async def close(self, code: int = 1000) -> None: ...


class Room:
    def __init__(self) -> None:
        self.members: set[Connection] = set()

    async def join(self, conn: Connection) -> None:
        self.members.add(conn)

    async def leave(self, conn: Connection) -> None:
        self.members.discard(conn)

    async def broadcast(self, message: dict[str, Any]) -> None:
        for conn in list(self.members):
            await conn.send_json(message)  # one member at a time, each at the speed of its network
