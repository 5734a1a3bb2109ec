"""The client for the payment provider, whose base URL comes from PAYMENT_URL."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

# The provider must answer within this; a hung call would otherwise hold the worker forever.
TIMEOUT_S = 2.0


@dataclass(frozen=True)
class ChargeResult:
    """What one attempt gave: a charge id, a refusal not worth retrying, or a failure worth retrying."""

    charge_id: str | None = None
    declined: bool = False

    @property
    def retryable(self) -> bool:
        return self.charge_id is None and not self.declined


def charge(base_url: str, order_id: str, amount_cents: int) -> ChargeResult:
    # One key per order, not per attempt: a retry after a timeout must not charge the customer twice.
    headers = {"Idempotency-Key": f"order-{order_id}"}
    body = {"order_id": order_id, "amount_cents": amount_cents}
    try:
        response = httpx.post(f"{base_url}/charges", json=body, headers=headers, timeout=TIMEOUT_S)
    except httpx.HTTPError:
        return ChargeResult()
    if response.status_code in (200, 201):
        return ChargeResult(charge_id=str(response.json()["id"]))
    # 408, 429 and 5xx are transient; any other 4xx is the provider saying no, and asking again won't change it.
    if response.status_code in (408, 429) or response.status_code >= 500:
        return ChargeResult()
    return ChargeResult(declined=True)
