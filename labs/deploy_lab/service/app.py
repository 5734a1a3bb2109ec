"""A small web service that is ready to be deployed: health endpoints, JSON logs and metrics.

Run it locally with `uvicorn labs.deploy_lab.service.app:app --port 8000` from the repository root.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from .metrics import Metrics


# --8<-- [start:logging]
class JsonFormatter(logging.Formatter):
    """One JSON object per line, so the platform's log collector can index each field."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            # UTC with milliseconds: lines from several services sort into one timeline.
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Anything passed as `extra={"fields": {...}}` becomes top-level keys.
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(stream: Any = None) -> logging.Logger:
    """Log to stdout (twelve-factor: the platform, not the app, routes and stores logs)."""
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("deploy_lab")
    logger.handlers = [handler]
    logger.setLevel(os.environ.get("LOG_LEVEL", "INFO").upper())
    logger.propagate = False
    return logger


# --8<-- [end:logging]


class Database:
    """Stands in for the service's database client. `up` is what its last queries found; a real client would
    learn it from connection errors and timeouts on real requests, not from a probe."""

    def __init__(self) -> None:
        self.up = True


# --8<-- [start:readiness]
class Readiness:
    """What /readyz reports: whether THIS pod can take traffic.

    Only the pod's own state belongs here (it is draining; a bigger service would add "still loading its cache").
    The database is left out on purpose: every replica shares it, so when it fails a readiness check on it
    fails in all of them at once, the Service is left with no endpoints, and a database blip becomes a total
    outage in which even the requests that do not need the database are refused.
    """

    def __init__(self) -> None:
        self.draining = False

    def ready(self) -> bool:
        return not self.draining


# --8<-- [end:readiness]


def create_app(stream: Any = None, database: Database | None = None) -> FastAPI:
    """The service. Pass one `database` to several apps to model replicas that share it."""
    logger = configure_logging(stream)
    metrics = Metrics()
    readiness = Readiness()
    if database is None:
        database = Database()

    # --8<-- [start:lifespan]
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        logger.info("started", extra={"fields": {"version": os.environ.get("APP_VERSION", "dev")}})
        yield
        # Uvicorn calls this after SIGTERM, once it has stopped accepting connections and finished
        # in-flight requests. Fail readiness first, so nothing new is routed here, then clean up.
        readiness.draining = True
        logger.info("shutting down", extra={"fields": {"draining": True}})

    # --8<-- [end:lifespan]

    app = FastAPI(title="deploy-lab", version=os.environ.get("APP_VERSION", "dev"), lifespan=lifespan)
    app.state.metrics = metrics
    app.state.readiness = readiness
    app.state.database = database

    # --8<-- [start:middleware]
    def record(request: Request, request_id: str, started: float, status: int, crashed: bool = False) -> None:
        elapsed = time.perf_counter() - started
        # Label by route template, not raw path: /items/1 and /items/2 must share one time series.
        route = request.scope.get("route")
        path = getattr(route, "path", "unmatched")
        metrics.observe_request(request.method, path, status, elapsed)
        fields = {
            "request_id": request_id,
            "method": request.method,
            "path": path,
            "status": status,
            "duration_ms": round(elapsed * 1000, 2),
        }
        if crashed:
            logger.error("request failed", exc_info=True, extra={"fields": fields})
        else:
            logger.info("request handled", extra={"fields": fields})

    @app.middleware("http")
    async def observe(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            # The handler crashed and Starlette's outermost handler will answer 500. Count and log it here,
            # or the error-rate SLI misses exactly the worst failures.
            record(request, request_id, started, 500, crashed=True)
            raise
        record(request, request_id, started, response.status_code)
        response.headers["x-request-id"] = request_id
        return response

    # --8<-- [end:middleware]

    # --8<-- [start:probes]
    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        """Liveness: the process can answer. Never check dependencies here."""
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        """Readiness: send this pod traffic. False only for reasons local to the pod (here: shutting down)."""
        if readiness.ready():
            return JSONResponse({"status": "ready"})
        return JSONResponse({"status": "not ready"}, status_code=503)

    # --8<-- [end:probes]

    @app.get("/metrics")
    def metrics_endpoint() -> PlainTextResponse:
        return PlainTextResponse(metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8")

    # --8<-- [start:dependency]
    @app.get("/items/{item_id}")
    def get_item(item_id: int) -> dict[str, Any]:
        if not database.up:
            # Fail fast with an answer the client can act on. The pod stays in the Service: every replica
            # shares this database, so taking this one out would not send the request anywhere better.
            raise HTTPException(status_code=503, detail="database unavailable", headers={"Retry-After": "5"})
        if item_id > 1000:
            raise HTTPException(status_code=404, detail="not found")
        return {"id": item_id, "name": f"item {item_id}"}

    # --8<-- [end:dependency]

    return app


app = create_app()
