"""Exercise: the liveness probe that restarts busy pods.

Symptom: during a traffic peak the orders service lost pods one after another. `kubectl describe pod` showed
"Liveness probe failed: HTTP probe failed with statuscode: 503" and restarts; each restart moved that pod's traffic
to the survivors, which then failed their probes too. A week later, a 30-second database failover restarted every
pod at once, although none of them was broken.

Diagnose it with the check (`make exercise ID=architecture/overload_and_backpressure/liveness_probe`), then make
`/livez` answer whether this process can still serve at all (not whether it has room right now, and not whether
its dependencies are up), and make `/readyz` report the database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse


class Database(Protocol):
    async def fetch_order(self, order_id: int) -> dict[str, object]: ...

    async def ping(self) -> None:
        """Raises ConnectionError when the database cannot be reached."""


def create_app(db: Database, limit: int = 4) -> FastAPI:
    app = FastAPI()
    in_flight = 0

    @app.middleware("http")
    async def shed(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Refuse at once what would not fit: the cheapest place to say no."""
        nonlocal in_flight
        if in_flight >= limit:
            return JSONResponse({"title": "Service overloaded"}, status_code=503, headers={"Retry-After": "2"})
        in_flight += 1
        try:
            return await call_next(request)
        finally:
            in_flight -= 1

    @app.get("/orders/{order_id}")
    async def order(order_id: int) -> dict[str, object]:
        return await db.fetch_order(order_id)

    @app.get("/livez")
    async def livez() -> dict[str, str]:
        await db.ping()  # a thorough check: is everything we need working?
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> dict[str, str]:
        await db.ping()
        return {"status": "ok"}

    return app
