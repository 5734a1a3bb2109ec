"""The catalog service's request metrics: a counter of requests by method, path and status."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import PlainTextResponse


class RequestCounter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.series: Counter[tuple[str, str, str]] = Counter()  # (method, path, status) -> requests

    def add(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.series[(method, path, str(status))] += 1

    def render(self) -> str:
        lines = ["# TYPE http_requests_total counter"]
        with self._lock:
            for (method, path, status), value in sorted(self.series.items()):
                lines.append(f'http_requests_total{{method="{method}",path="{path}",status="{status}"}} {value}')
        return "\n".join(lines) + "\n"


def create_app() -> FastAPI:
    app = FastAPI()
    counter = RequestCounter()
    app.state.requests = counter

    @app.middleware("http")
    async def count(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        counter.add(request.method, request.url.path, response.status_code)
        return response

    @app.get("/items/{item_id}")
    def get_item(item_id: int) -> dict[str, int]:
        if item_id > 1000:
            raise HTTPException(status_code=404, detail="no such item")
        return {"id": item_id}

    @app.get("/users/{user_id}/orders/{order_id}")
    def get_order(user_id: int, order_id: str) -> dict[str, str]:
        return {"user": str(user_id), "order": order_id}

    @app.get("/metrics")
    def metrics() -> PlainTextResponse:
        return PlainTextResponse(counter.render())

    return app
