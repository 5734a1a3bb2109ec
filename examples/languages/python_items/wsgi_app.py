"""The same API as a bare WSGI application (PEP 3333), the synchronous interface Django also speaks.

No framework: this shows what a WSGI server such as Gunicorn calls for every request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

StartResponse = Callable[[str, list[tuple[str, str]]], Any]

ITEMS = {1: {"id": 1, "name": "Keyboard", "price_cents": 4999}, 2: {"id": 2, "name": "Mouse", "price_cents": 1999}}
ITEM_PATH = re.compile(r"^/items/(\d+)$")


# --8<-- [start:app]
def _send(start_response: StartResponse, status: str, body: dict[str, Any], media_type: str) -> Iterable[bytes]:
    payload = json.dumps(body).encode()
    start_response(status, [("Content-Type", media_type), ("Content-Length", str(len(payload)))])
    return [payload]


def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    """One synchronous call per request: the worker thread is busy until it returns."""
    path, method = environ.get("PATH_INFO", "/"), environ.get("REQUEST_METHOD", "GET")
    if method == "GET" and path == "/health":
        return _send(start_response, "200 OK", {"status": "ok"}, "application/json")
    match = ITEM_PATH.match(path)
    if method == "GET" and match and int(match.group(1)) in ITEMS:
        return _send(start_response, "200 OK", ITEMS[int(match.group(1))], "application/json")
    detail = f"No item with id {match.group(1)}" if match else f"No route for {path}"
    problem = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": detail}
    return _send(start_response, "404 Not Found", problem, "application/problem+json")


# --8<-- [end:app]
