"""The payments service's request telemetry: one JSON log line and one counter sample per request."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, TextIO

from fastapi import FastAPI, Request, Response


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {"level": record.levelname.lower(), "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def create_app(stream: TextIO) -> FastAPI:
    logger = logging.getLogger(f"payments.{uuid.uuid4().hex}")  # one logger per app, for tests
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.handlers, logger.propagate, logger.level = [handler], False, logging.INFO

    app = FastAPI()
    requests: Counter[tuple[str, int]] = Counter()  # (route, status) -> count: the error-rate SLI's input
    app.state.requests = requests

    @app.middleware("http")
    async def observe(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        response = await call_next(request)
        path = getattr(request.scope.get("route"), "path", "unmatched")
        requests[(path, response.status_code)] += 1
        fields = {
            "request_id": request_id,
            "path": path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        }
        logger.info("request handled", extra={"fields": fields})
        response.headers["x-request-id"] = request_id
        return response

    @app.post("/payments/{payment_id}/capture")
    def capture(payment_id: int) -> dict[str, Any]:
        if payment_id % 7 == 0:
            raise KeyError("card_network")  # the acquirer's response lacks a field: an unhandled bug
        return {"id": payment_id, "captured": True}

    return app
