"""A reference solution: liveness bypasses the shedder and the database; readiness reports the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

# Probes the kubelet sends. They must not queue behind user requests or be shed with them: a probe that times out
# because the pod is busy tells the kubelet "restart me", and a restart under load moves the load to the others.
PROBES = {"/livez", "/readyz"}


class Database(Protocol):
    async def fetch_order(self, order_id: int) -> dict[str, object]: ...

    async def ping(self) -> None:
        """Raises ConnectionError when the database cannot be reached."""


def create_app(db: Database, limit: int = 4) -> FastAPI:
    app = FastAPI()
    in_flight = 0

    @app.middleware("http")
    async def shed(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        nonlocal in_flight
        if request.url.path in PROBES:
            return await call_next(request)
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
        # Reaching this line means the event loop runs and the server answers: that is all a restart could fix.
        # A database outage is not fixed by restarting every pod, so liveness does not look at it.
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> Response:
        # Readiness decides whether the load balancer sends traffic here. Without the database this pod can only
        # fail requests, so it stops receiving them until the database is back; nothing is restarted.
        try:
            await db.ping()
        except ConnectionError:
            return JSONResponse({"status": "database unreachable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    return app
