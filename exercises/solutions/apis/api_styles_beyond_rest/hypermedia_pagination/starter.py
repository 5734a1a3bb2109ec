"""A reference solution: keyset pages whose `self` and `next` links carry the limit and the last id seen; `next`
appears in `_links` and in an RFC 8288 Link header only while more orders exist."""

# No `from __future__ import annotations`: FastAPI must see the Query() default at runtime.
from itertools import count
from typing import Any
from urllib.parse import urlencode

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
    def list_orders(
        request: Request, response: Response, limit: int = Query(20, ge=1, le=100), after: int = 0
    ) -> dict[str, Any]:
        # Keyset paging on the id; the links carry both parameters, so clients never compose them.
        page = [order for order_id, order in sorted(orders.items()) if order_id > after][: limit + 1]
        more, page = len(page) > limit, page[:limit]
        path = str(request.url_for("list_orders").path)
        links = {"self": {"href": f"{path}?{urlencode({'limit': limit, 'after': after})}"}}
        if more:
            links["next"] = {"href": f"{path}?{urlencode({'limit': limit, 'after': page[-1]['id']})}"}
            response.headers["Link"] = f'<{links["next"]["href"]}>; rel="next"'  # RFC 8288, for header readers
        items = [represent(request, order) for order in page]
        return {"_links": links, "_embedded": {"orders": items}}

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
