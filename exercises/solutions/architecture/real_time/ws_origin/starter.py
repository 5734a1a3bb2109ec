"""Reference solution: the handshake is refused unless Origin is exactly an allowed origin.

Browsers always send Origin on a WebSocket handshake and a page cannot forge it, so an exact match against
the site's own origins stops other sites' pages from using the user's cookie. The comparison is exact:
prefix checks let `https://chat.example.com.evil.example` in, and the scheme matters. Clients that are not
browsers may send no Origin at all; they still need a valid session, which another site cannot read.
"""

from __future__ import annotations

from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from fastapi.middleware.cors import CORSMiddleware

ALLOWED_ORIGINS = ["https://chat.example.com"]
SESSIONS = {"s-alice": "alice", "s-bob": "bob"}  # session cookie value -> user (a stand-in for a session store)
POLICY_VIOLATION = 1008


def create_app() -> FastAPI:
    app = FastAPI(title="Chat")
    app.add_middleware(CORSMiddleware, allow_origins=ALLOWED_ORIGINS, allow_credentials=True)  # only our pages
    inbox: dict[str, list[str]] = {"alice": ["your code is 481 516"], "bob": []}

    @app.websocket("/ws")
    async def chat(ws: WebSocket) -> None:
        origin = ws.headers.get("origin")
        user = SESSIONS.get(ws.cookies.get("session", ""))
        if (origin is not None and origin not in ALLOWED_ORIGINS) or user is None:
            await ws.close(code=POLICY_VIOLATION)  # closing before accept refuses the handshake (HTTP 403)
            return
        await ws.accept()
        try:
            for message in inbox[user]:
                await ws.send_json({"inbox": message})
            while True:
                await ws.send_json({"echo": await ws.receive_text()})
        except WebSocketDisconnect:
            pass

    return app
