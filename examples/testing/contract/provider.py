"""The provider: the orders service, in the version that honours the contract and in a breaking one."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException

ORDERS: dict[int, dict[str, object]] = {}


def set_state(state: str) -> None:
    """Provider states put the provider's data in the situation an interaction assumes."""
    ORDERS.clear()
    if state == "order 42 exists":
        ORDERS[42] = {"id": 42, "status": "shipped", "total_cents": 4500, "currency": "EUR", "lines": 3}
    elif state != "no orders exist":
        raise ValueError(f"unknown provider state: {state}")


def make_app(*, rename_total: bool = False) -> FastAPI:
    app = FastAPI()

    @app.get("/orders/{order_id}")
    def get_order(order_id: int) -> dict[str, object]:
        order = ORDERS.get(order_id)
        if order is None:
            raise HTTPException(404, "no such order")
        if rename_total:  # a "harmless cleanup" in version 2 of the provider
            order = {("amount" if k == "total_cents" else k): v for k, v in order.items()}
        return order

    return app
