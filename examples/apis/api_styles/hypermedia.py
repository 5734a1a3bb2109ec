"""A level 3 (hypermedia) orders API: every response carries the links to what the client may do next.

The representation follows HAL (`_links` keyed by link relation). Relations registered with IANA
(`self`, `collection`, `payment`) are used by name; ours are URIs, as RFC 8288 requires for extension
relations. Which links appear depends on the order's state, so clients never hard-code state rules.
"""

from __future__ import annotations

from itertools import count
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse

REL = "https://api.example.com/rels/"  # our extension relations; the URL can document each one
HAL = "application/hal+json"


class HalResponse(JSONResponse):
    media_type = HAL


# --8<-- [start:links]
def order_links(request: Request, order: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The state machine, expressed as links: pending -> paid -> shipped, or pending -> cancelled."""

    def url(name: str) -> str:
        return str(request.url_for(name, order_id=order["id"]).path)

    links = {"self": {"href": url("get_order")}, "collection": {"href": str(request.url_for("list_orders").path)}}
    if order["status"] == "pending":
        links["payment"] = {"href": url("pay_order")}
        links[REL + "cancel"] = {"href": url("cancel_order")}
    if order["status"] == "paid":
        links[REL + "ship"] = {"href": url("ship_order")}
    return links


# --8<-- [end:links]


def create_app() -> FastAPI:
    app = FastAPI(title="Orders (hypermedia)", default_response_class=HalResponse)
    orders: dict[int, dict[str, Any]] = {}
    ids = count(1)

    def represent(request: Request, order: dict[str, Any]) -> dict[str, Any]:
        return {**order, "_links": order_links(request, order)}

    def find(order_id: int) -> dict[str, Any]:
        if order_id not in orders:
            raise HTTPException(404, f"no order {order_id}")
        return orders[order_id]

    def transition(request: Request, order_id: int, allowed_from: str, to: str) -> dict[str, Any]:
        order = find(order_id)
        if order["status"] != allowed_from:  # a stale link: the state moved on since the client read it
            raise HTTPException(409, f"order is {order['status']}, not {allowed_from}")
        order["status"] = to
        return represent(request, order)

    @app.get("/")
    def root(request: Request) -> dict[str, Any]:
        # The one URL a client needs to know; everything else is discovered from here.
        return {"_links": {"self": {"href": "/"}, REL + "orders": {"href": str(request.url_for("list_orders").path)}}}

    @app.get("/orders")
    def list_orders(request: Request) -> dict[str, Any]:
        items = [represent(request, order) for order in orders.values()]
        return {"_links": {"self": {"href": "/orders"}}, "_embedded": {"orders": items}}

    @app.post("/orders", status_code=201)
    def create_order(request: Request, response: Response, body: dict[str, Any]) -> dict[str, Any]:
        order = {"id": next(ids), "item": str(body.get("item", "")), "status": "pending"}
        orders[order["id"]] = order
        representation = represent(request, order)
        response.headers["Location"] = representation["_links"]["self"]["href"]
        return representation

    @app.get("/orders/{order_id}")
    def get_order(request: Request, order_id: int) -> dict[str, Any]:
        return represent(request, find(order_id))

    @app.post("/orders/{order_id}/payment")
    def pay_order(request: Request, order_id: int) -> dict[str, Any]:
        return transition(request, order_id, "pending", "paid")

    @app.post("/orders/{order_id}/cancellation")
    def cancel_order(request: Request, order_id: int) -> dict[str, Any]:
        return transition(request, order_id, "pending", "cancelled")

    @app.post("/orders/{order_id}/shipment")
    def ship_order(request: Request, order_id: int) -> dict[str, Any]:
        return transition(request, order_id, "paid", "shipped")

    return app
