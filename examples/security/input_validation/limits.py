"""A request body limit that runs before any parsing, as pure ASGI middleware."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


# --8<-- [start:limit]
class BodySizeLimit:
    """Refuse request bodies over `limit` bytes with 413, before a JSON or multipart parser reads them.

    By the time a FastAPI handler runs, Starlette has already received the whole upload and spooled it to a
    temporary file; a check in the handler protects memory, not the disk or the time spent receiving.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)  # the honest case: refused before a single body byte is read
            return
        received = 0

        async def counting_receive() -> Message:
            # Chunked bodies have no Content-Length: count what actually arrives and stop at the limit.
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise HTTPException(status_code=413, detail="request body too large")
            return message

        await self.app(scope, counting_receive, send)

    async def _refuse(self, send: Send) -> None:
        body = b'{"detail":"request body too large"}'
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


# --8<-- [end:limit]
