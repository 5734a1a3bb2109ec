"""Exercise: another site read our users' messages through our own WebSocket.

Symptom: a security researcher reported that a page on another site, visited by a logged-in user, opened
`wss://chat.example.com/ws` and printed the user's private messages. The browser sent the user's session
cookie with the handshake, as browsers do. The app has CORS configured for its own origin only.

Diagnose it with the check (`make exercise ID=architecture/real_time/ws_origin`): CORS does not apply to
WebSocket handshakes, so nothing looks at where the page came from. Then refuse the handshake unless its
`Origin` header is exactly one of ALLOWED_ORIGINS, before accepting it, and keep refusing clients without a
valid session.
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
        user = SESSIONS.get(ws.cookies.get("session", ""))
        if user is None:
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
