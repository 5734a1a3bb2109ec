"""Exercise: the order list that ended after the first page.

Symptom: `GET /orders` got a `limit` parameter when customers with thousands of orders made the list too slow.
Since then the mobile app shows only the first page: the app follows links and nothing else (it has no idea how
pages are addressed), and the list offers no link to the rest. Partners who read the `Link` header, as RFC 8288
describes, get nothing either.

Diagnose it with the check (`make exercise ID=apis/api_styles_beyond_rest/hypermedia_pagination`). Give each page
a `self` link that names that page and, while more orders exist, a `next` link, both in `_links` and in a `Link`
response header with `rel="next"`; clients must never need to build a page URL themselves.
"""

# No `from __future__ import annotations`: FastAPI must see the Query() default at runtime.
from itertools import count
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request, Response

from examples.apis.api_styles.hypermedia import REL, HalResponse, order_links


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

    @app.get("/")
    def root(request: Request) -> dict[str, Any]:
        return {"_links": {"self": {"href": "/"}, REL + "orders": {"href": str(request.url_for("list_orders").path)}}}

    @app.get("/orders")
    def list_orders(request: Request, limit: int = Query(20, ge=1, le=100)) -> dict[str, Any]:
        page = list(orders.values())[:limit]
        items = [represent(request, order) for order in page]
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

    # The state transitions (payment, cancellation, shipment) are in the lesson's example; order_links refers to
    # them by name, so they exist here too.
    @app.post("/orders/{order_id}/payment")
    def pay_order(request: Request, order_id: int) -> dict[str, Any]:
        return represent(request, find(order_id))

    @app.post("/orders/{order_id}/cancellation")
    def cancel_order(request: Request, order_id: int) -> dict[str, Any]:
        return represent(request, find(order_id))

    @app.post("/orders/{order_id}/shipment")
    def ship_order(request: Request, order_id: int) -> dict[str, Any]:
        return represent(request, find(order_id))

    return app
