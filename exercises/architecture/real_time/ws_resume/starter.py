"""Exercise: chat messages lost on every reconnect.

Symptom: mobile users miss messages. Phones drop the WebSocket whenever they change networks, the app
reconnects within a second or two, and whatever was said in between never shows up. Every message already
carries an increasing `id`, and the client remembers the last one it displayed.

Diagnose it with the check (`make exercise ID=architecture/real_time/ws_resume`). Then let a client reconnect
to `/ws?after=n` to receive, in order, every message with an id above n that it missed, followed by live
messages, with nothing lost or repeated in between.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

HISTORY = 1_000  # messages kept in memory


def create_app() -> FastAPI:
    app = FastAPI(title="Chat")
    room: set[WebSocket] = set()
    history: list[dict[str, Any]] = []

    @app.websocket("/ws")
    async def chat(ws: WebSocket) -> None:
        await ws.accept()
        room.add(ws)
        try:
            while True:
                message = await ws.receive_json()
                entry = {
                    "id": history[-1]["id"] + 1 if history else 1,
                    "from": str(message.get("name", "anon")),
                    "text": str(message.get("text", ""))[:500],
                }
                history.append(entry)
                del history[:-HISTORY]
                for peer in list(room):
                    await peer.send_json(entry)
        except WebSocketDisconnect:
            pass
        finally:
            room.discard(ws)

    return app
