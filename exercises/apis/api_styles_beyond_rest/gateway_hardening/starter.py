"""Exercise: the gateway that let a partner read every order and a script upload two gigabytes.

Symptom: two incidents in one week. A partner whose key was issued for the profile API only (scope `users:read`)
read every customer's orders through `/v1/orders`, because the gateway checks that a key is valid but not what it
may do. Then a misbehaving script posted a 2 GB JSON body; the gateway buffered all of it and so did the orders
service, which ran out of memory.

Diagnose it with the check (`make exercise ID=apis/api_styles_beyond_rest/gateway_hardening`). Each route already
names the scope it needs and `MAX_BODY` says how large a body may be; enforce both at the gateway, before anything
is forwarded. Bodies sent without a Content-Length (chunked) must be limited too.
"""

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
        named = {name.strip().lower() for name in request.headers.get("connection", "").split(",")}
        headers = {k: v for k, v in request.headers.items() if k.lower() not in DROPPED | named}
        headers |= {"x-consumer-id": consumer.id, "x-request-id": str(uuid.uuid4())}
        body = await request.body()
        url = "http://upstream" + route.upstream_prefix + rest
        upstream = await clients[route.prefix].request(
            request.method, url, headers=headers, params=request.query_params, content=body
        )
        passed = {k: v for k, v in upstream.headers.items() if k.lower() not in {"content-length", *DROPPED}}
        return Response(upstream.content, upstream.status_code, headers=passed)

    return app
