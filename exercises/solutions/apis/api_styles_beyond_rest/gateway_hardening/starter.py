"""A reference solution: after authentication the gateway checks the route's scope (403), then reads the body
with a limit that holds for chunked bodies too (413), and only then forwards."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from examples.apis.api_styles.gateway import DROPPED, problem
from examples.apis.rate_limiting.algorithms import TokenBucket

MAX_BODY = 1024 * 1024  # 1 MiB


@dataclass(frozen=True)
class Route:
    prefix: str
    upstream: Any  # an ASGI app
    upstream_prefix: str
    scope: str | None = None  # the scope a consumer needs for this route; None: any valid key


@dataclass(frozen=True)
class Consumer:
    id: str
    scopes: frozenset[str]


async def read_limited(request: Request) -> bytes | None:
    """The body, or None once it passes MAX_BODY. A declared Content-Length is refused at once; a chunked body
    is counted as it arrives, so neither the gateway nor the service ever holds more than MAX_BODY."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
        return None
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > MAX_BODY:
            return None
    return bytes(received)


def create_gateway(
    routes: list[Route], authenticate: Callable[[str], Consumer | None], limiter: TokenBucket
) -> FastAPI:
    app = FastAPI(title="Gateway")
    clients = {route.prefix: httpx.AsyncClient(transport=httpx.ASGITransport(app=route.upstream)) for route in routes}

    def route_for(path: str) -> tuple[Route, str] | None:
        for route in sorted(routes, key=lambda r: len(r.prefix), reverse=True):
            if path == route.prefix or path.startswith(route.prefix + "/"):
                return route, path[len(route.prefix) :]
        return None

    def admit(authorization: str | None) -> tuple[Consumer | None, JSONResponse | None]:
        scheme, _, credential = (authorization or "").partition(" ")
        consumer = authenticate(credential) if scheme.lower() == "bearer" and credential else None
        if consumer is None:
            return None, problem(401, "missing or invalid API key", {"WWW-Authenticate": 'Bearer realm="api"'})
        decision = limiter.check(consumer.id)
        if not decision.allowed:
            return None, problem(429, "rate limit exceeded", {"Retry-After": str(decision.retry_after)})
        return consumer, None

    @app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    async def proxy(request: Request, path: str) -> Response:
        match = route_for("/" + path)
        if match is None:
            return problem(404, "no route")
        route, rest = match
        consumer, refusal = admit(request.headers.get("authorization"))
        if refusal or consumer is None:
            return refusal or problem(401, "missing or invalid API key")
        if route.scope is not None and route.scope not in consumer.scopes:
            return problem(403, f"this API key lacks the {route.scope} scope")  # authenticated, not authorized
        body = await read_limited(request)
        if body is None:
            return problem(413, f"request body larger than {MAX_BODY} bytes")
        named = {name.strip().lower() for name in request.headers.get("connection", "").split(",")}
        headers = {k: v for k, v in request.headers.items() if k.lower() not in DROPPED | named}
        headers |= {"x-consumer-id": consumer.id, "x-request-id": str(uuid.uuid4())}
        url = "http://upstream" + route.upstream_prefix + rest
        upstream = await clients[route.prefix].request(
            request.method, url, headers=headers, params=request.query_params, content=body
        )
        passed = {k: v for k, v in upstream.headers.items() if k.lower() not in {"content-length", *DROPPED}}
        return Response(upstream.content, upstream.status_code, headers=passed)

    return app
