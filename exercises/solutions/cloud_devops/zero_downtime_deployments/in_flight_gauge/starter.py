"""The orders service's in-flight gauge, which the drain dashboard watches fall to zero during a shutdown."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse


class InFlight:
    """Requests being handled right now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def add(self, delta: int) -> None:
        with self._lock:
            self.value += delta

    def render(self) -> str:
        return (
            "# HELP http_requests_in_flight Requests being handled right now.\n"
            "# TYPE http_requests_in_flight gauge\n"
            f"http_requests_in_flight {self.value}\n"
        )


def create_app(release: threading.Event | None = None, started: threading.Event | None = None) -> FastAPI:
    """`release` holds GET /reports/slow until it is set; `started` is set when that request begins."""
    app = FastAPI()
    in_flight = InFlight()
    app.state.in_flight = in_flight

    @app.middleware("http")
    async def track(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        in_flight.add(1)
        try:
            return await call_next(request)
        finally:
            # Also when the handler raises or the client goes away: otherwise every failure leaks one.
            in_flight.add(-1)

    @app.get("/orders/{order_id}")
    def get_order(order_id: int) -> dict[str, int]:
        if order_id == 13:
            raise RuntimeError("order 13 has a corrupt total")  # a bug the team has not fixed yet
        return {"id": order_id}

    @app.get("/reports/slow")
    def slow_report() -> dict[str, str]:
        if started is not None:
            started.set()
        if release is not None:
            release.wait(timeout=10)
        return {"status": "done"}

    @app.get("/metrics")
    def metrics() -> PlainTextResponse:
        return PlainTextResponse(in_flight.render())

    return app
