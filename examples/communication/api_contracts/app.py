"""The real implementation of the Orders API, written after the contract was agreed."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Response
from fastapi.responses import JSONResponse

ORDERS: dict[int, dict[str, Any]] = {
    42: {"id": 42, "status": "paid", "total_cents": 1999, "currency": "EUR"},
}

# Deprecated on 2026-12-01 (Unix time 1796083200); the endpoint may stop working from 2027-06-01, six months
# on, so that mobile app versions still installed have time to update.
DEPRECATED_SINCE = 1796083200
SUNSET = "Tue, 01 Jun 2027 00:00:00 GMT"

app = FastAPI(title="Orders API", version="1.2.0")


def _not_found(order_id: int) -> JSONResponse:
    problem = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": f"No order {order_id}"}
    return JSONResponse(problem, status_code=404, media_type="application/problem+json")


@app.get("/orders/{order_id}", operation_id="getOrder")
def get_order(order_id: int) -> object:
    order = ORDERS.get(order_id)
    return order if order is not None else _not_found(order_id)


# --8<-- [start:deprecated]
@app.get("/orders/{order_id}/total", operation_id="getOrderTotal", deprecated=True)
def get_order_total(order_id: int, response: Response) -> object:
    # RFC 9745: when the deprecation took effect; RFC 8594: when the endpoint goes away;
    # the Link tells client developers where to read about the replacement.
    headers = {
        "Deprecation": f"@{DEPRECATED_SINCE}",
        "Sunset": SUNSET,
        "Link": '</docs/changelog#order-total>; rel="deprecation"; type="text/html"',
    }
    order = ORDERS.get(order_id)
    if order is None:
        not_found = _not_found(order_id)
        not_found.headers.update(headers)
        return not_found
    response.headers.update(headers)
    cents: int = order["total_cents"]
    return {"total": f"{cents // 100}.{cents % 100:02d}"}


# --8<-- [end:deprecated]
