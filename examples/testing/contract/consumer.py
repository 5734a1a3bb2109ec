"""The consumer: a checkout front end's client for the orders service, and the contract it publishes."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from examples.testing.contract.contract import Json, like


@dataclass
class OrderSummary:
    id: int
    status: str
    total_cents: int


# --8<-- [start:client]
class OrdersClient:
    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def summary(self, order_id: int) -> OrderSummary | None:
        response = self.http.get(f"/orders/{order_id}")
        if response.status_code == 404:
            return None
        response.raise_for_status()
        data = response.json()
        # The consumer reads exactly three fields; the contract lists exactly these.
        return OrderSummary(id=data["id"], status=data["status"], total_cents=data["total_cents"])


# --8<-- [end:client]


# --8<-- [start:contract]
def build_contract() -> dict[str, Json]:
    return {
        "consumer": "checkout-web",
        "provider": "orders-service",
        "interactions": [
            {
                "description": "an existing order",
                "provider_state": "order 42 exists",
                "request": {"method": "GET", "path": "/orders/42"},
                "response": {
                    "status": 200,
                    "body": {"id": 42, "status": like("paid"), "total_cents": like(1999)},
                },
            },
            {
                "description": "a missing order",
                "provider_state": "no orders exist",
                "request": {"method": "GET", "path": "/orders/7"},
                "response": {"status": 404},
            },
        ],
    }


# --8<-- [end:contract]
