"""A toy API gateway: one front door that routes, authenticates, rate-limits and aggregates.

Upstream services are ASGI apps reached through httpx's in-process transport, so the tests need no
sockets; a real gateway (Envoy, Kong, NGINX, a cloud API gateway) does the same jobs over the network
and is configured rather than coded. The order of the steps is the point of the example.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse

from examples.apis.rate_limiting.algorithms import TokenBucket

# Hop-by-hop headers (RFC 9110 section 7.6.1) and credentials never travel past the gateway;
# identity headers from the outside are dropped so that a client cannot claim to be someone else.
DROPPED = {"authorization", "connection", "keep-alive", "te", "transfer-encoding", "upgrade", "host", "x-consumer-id"}


@dataclass(frozen=True)
class Route:
    prefix: str  # public path prefix, such as /v1/users
    upstream: Any  # an ASGI app here; a base URL in a real gateway
    upstream_prefix: str  # the path the upstream service expects instead of the prefix


def problem(status: int, title: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status}
    return JSONResponse(body, status, headers=headers, media_type="application/problem+json")


def create_gateway(
    routes: list[Route],
    authenticate: Callable[[str], str | None],  # credential -> consumer id, or None
    limiter: TokenBucket,
    upstream_timeout: float = 2.0,
) -> FastAPI:
    app = FastAPI(title="Gateway")
    clients = {route.prefix: httpx.AsyncClient(transport=httpx.ASGITransport(app=route.upstream)) for route in routes}

    async def call(route: Route, method: str, path: str, headers: dict[str, str], **kwargs: Any) -> httpx.Response:
        url = "http://upstream" + route.upstream_prefix + path
        return await asyncio.wait_for(
            clients[route.prefix].request(method, url, headers=headers, **kwargs), upstream_timeout
        )

    def route_for(path: str) -> tuple[Route, str] | None:
        for route in sorted(routes, key=lambda r: len(r.prefix), reverse=True):  # longest prefix wins
            if path == route.prefix or path.startswith(route.prefix + "/"):
                return route, path[len(route.prefix) :]
        return None

    def admit(authorization: str | None) -> tuple[str | None, JSONResponse | None]:
        # --8<-- [start:admit]
        scheme, _, credential = (authorization or "").partition(" ")
        consumer = authenticate(credential) if scheme.lower() == "bearer" and credential else None
        if consumer is None:  # auth offload: upstreams never see or check the credential
            return None, problem(401, "missing or invalid API key", {"WWW-Authenticate": 'Bearer realm="api"'})
        decision = limiter.check(consumer)  # rate limit per consumer, after authentication
        if not decision.allowed:
            return None, problem(429, "rate limit exceeded", {"Retry-After": str(decision.retry_after)})
        return consumer, None
        # --8<-- [end:admit]

    # --8<-- [start:aggregate]
    @app.get("/v1/me/dashboard")
    async def dashboard(authorization: str | None = Header(None)) -> Response:
        """Aggregation: one client request, two upstream calls made concurrently, one response."""
        consumer, refusal = admit(authorization)
        if refusal:
            return refusal
        headers = {"x-consumer-id": str(consumer), "x-request-id": str(uuid.uuid4())}
        users, orders = (route_for("/v1/users")[0], route_for("/v1/orders")[0])  # type: ignore[index]
        try:
            profile, recent = await asyncio.gather(
                call(users, "GET", "/me", headers), call(orders, "GET", "", headers, params={"limit": 3})
            )
        except TimeoutError:
            return problem(504, "an upstream service did not answer in time")
        return JSONResponse({"profile": profile.json(), "recent_orders": recent.json()["items"]})

    # --8<-- [end:aggregate]

    # --8<-- [start:proxy]
    @app.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    async def proxy(request: Request, path: str) -> Response:
        request_id = request.headers.get("x-request-id") or str(uuid.uuid4())  # correlate logs end to end
        match = route_for("/" + path)
        if match is None:
            return problem(404, "no route")
        route, rest = match
        consumer, refusal = admit(request.headers.get("authorization"))
        if refusal:
            return refusal
        # Fields the client named in Connection are hop-by-hop too, and must not be forwarded (RFC 9110, 7.6.1).
        named = {name.strip().lower() for name in request.headers.get("connection", "").split(",")}
        headers = {k: v for k, v in request.headers.items() if k.lower() not in DROPPED | named}
        headers |= {"x-consumer-id": str(consumer), "x-request-id": request_id}
        try:
            body = await request.body()
            upstream = await call(route, request.method, rest, headers, params=request.query_params, content=body)
        except TimeoutError:
            return problem(504, "upstream timed out")
        except httpx.TransportError:
            return problem(502, "upstream unavailable")
        passed = {k: v for k, v in upstream.headers.items() if k.lower() not in {"content-length", *DROPPED}}
        return Response(upstream.content, upstream.status_code, headers=passed | {"x-request-id": request_id})

    # --8<-- [end:proxy]
    return app


# Two upstream services, as small as possible. They trust x-consumer-id because only the gateway can
# reach them (a private network, or mTLS between gateway and services); that trust is the design's crux.
def users_service() -> FastAPI:
    app = FastAPI()

    @app.get("/users/me")
    def me(x_consumer_id: str = Header()) -> dict[str, str]:
        return {"id": x_consumer_id, "plan": "pro"}

    return app


def orders_service(delay: float = 0.0) -> FastAPI:
    app = FastAPI()

    @app.get("/orders")
    async def orders(limit: int = 10, x_consumer_id: str = Header(), x_request_id: str = Header()) -> dict[str, Any]:
        await asyncio.sleep(delay)
        items = [{"id": n, "customer": x_consumer_id} for n in range(1, limit + 1)]
        return {"items": items, "request_id": x_request_id}

    return app
