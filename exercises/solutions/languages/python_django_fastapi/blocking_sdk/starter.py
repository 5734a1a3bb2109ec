"""Quotes service: an item's price in the customer's currency, converted with the rates partner's SDK.

Fixed: the SDK is synchronous, so the quote endpoint is a plain `def`. FastAPI runs such endpoints in
its thread pool, and the event loop stays free for /health and every other request while the partner
is slow. (`rate = await asyncio.to_thread(client.get_rate, currency)` inside `async def` works too.)
"""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Protocol

from fastapi import FastAPI, HTTPException

PRICES_CENTS = {1: 4999, 2: 1999}


class RatesClient(Protocol):
    def get_rate(self, currency: str) -> Decimal: ...


class PartnerRatesClient:
    """The partner's SDK, as shipped: synchronous (built on `requests`), no async API."""

    def get_rate(self, currency: str) -> Decimal:
        time.sleep(0.3)  # a network round trip; several seconds when the partner is slow
        return {"EUR": Decimal("0.92"), "GBP": Decimal("0.79")}[currency]


def create_app(rates: RatesClient | None = None) -> FastAPI:
    client = rates if rates is not None else PartnerRatesClient()
    app = FastAPI(title="Quotes")

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    # Plain def: the blocking SDK call runs on a worker thread, never on the event loop.
    @app.get("/quotes/{item_id}")
    def quote(item_id: int, currency: str) -> dict[str, object]:
        if item_id not in PRICES_CENTS:
            raise HTTPException(status_code=404, detail=f"No item with id {item_id}")
        rate = client.get_rate(currency)
        amount = (Decimal(PRICES_CENTS[item_id]) * rate / 100).quantize(Decimal("0.01"))
        return {"item_id": item_id, "currency": currency, "amount": str(amount)}

    return app
