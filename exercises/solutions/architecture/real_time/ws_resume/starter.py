"""Reference solution: connecting to /ws?after=n replays the missed history, then the client goes live.

The client joins the room at the moment the history snapshot is taken (no `await` between the two), so no
message can fall between them. Live messages that arrive while the replay is still being sent are held in the
client's buffer and sent after it, so the client sees every message above n exactly once, in id order.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

HISTORY = 1_000  # messages kept in memory


def create_app() -> FastAPI:
    app = FastAPI(title="Chat")
    room: dict[WebSocket, list[dict[str, Any]] | None] = {}  # a buffer while the client is catching up
    history: list[dict[str, Any]] = []

    async def publish(message: dict[str, Any]) -> None:
        entry = {
            "id": history[-1]["id"] + 1 if history else 1,
            "from": str(message.get("name", "anon")),
            "text": str(message.get("text", ""))[:500],
        }
        history.append(entry)
        del history[:-HISTORY]
        for peer, buffer in list(room.items()):
            if buffer is not None:
                buffer.append(entry)  # still replaying: keep the order
            else:
                await peer.send_json(entry)

    async def catch_up(ws: WebSocket, after: int) -> None:
        pending = [entry for entry in history if entry["id"] > after]
        room[ws] = []  # joined together with the snapshot above
        while pending:
            for entry in pending:
                await ws.send_json(entry)
            pending, room[ws] = room[ws] or [], []  # what arrived meanwhile
        room[ws] = None  # live from here on

    @app.websocket("/ws")
    async def chat(ws: WebSocket, after: int | None = None) -> None:
        await ws.accept()
        try:
            if after is None:
                room[ws] = None  # a new client: live messages only
            else:
                await catch_up(ws, after)
            while True:
                await publish(await ws.receive_json())
        except WebSocketDisconnect:
            pass
        finally:
            room.pop(ws, None)

    return app
