"""Exercise: the wallet provider that turns every hiccup into a 500.

Symptom: since the wallet provider went live, checkout returns "500 Internal Server Error" whenever the wallet
is busy, although the other providers ride out the same blips through `RetryingGateway`; and a declined wallet
payment shows customers "something went wrong" instead of "your payment was declined".

Diagnose it with the check (`make exercise ID=architecture/design_patterns/wallet_adapter`): look at which
exceptions leave `WalletAdapter.charge`. Then translate the wallet's errors into the payment port's own
(`TransientPaymentError` for "try again", `PaymentFailed` for "final"), keeping the wallet's exception as the
cause so the logs still say what the wallet reported. The wallet SDK below stands in for the vendor's package:
change the adapter, not the SDK.
"""

from __future__ import annotations

from typing import Any

from examples.architecture.design_patterns.payments import Charge, PaymentFailed, TransientPaymentError

__all__ = ["Charge", "PaymentFailed", "TransientPaymentError", "WalletAdapter", "WalletBusy", "WalletDeclined"]


# --- the vendor's SDK (do not edit): amounts in minor units, errors as its own exception types ---
class WalletError(Exception):
    """Base class of the SDK's errors."""


class WalletDeclined(WalletError):
    """The wallet refused the payment (no funds, blocked account, fraud rules)."""


class WalletBusy(WalletError):
    """The wallet is overloaded or in maintenance; the same request may succeed later."""


class WalletClient:
    def transfer(self, *, amount_minor: int, currency_code: str, idempotency_key: str) -> dict[str, Any]:
        return {"transfer_id": f"wt_{idempotency_key}", "amount_minor": amount_minor, "currency": currency_code}


# --- our adapter: it speaks the PaymentGateway port ---
class WalletAdapter:
    def __init__(self, client: WalletClient) -> None:
        self.client = client

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        result = self.client.transfer(amount_minor=amount_cents, currency_code=currency, idempotency_key=reference)
        return Charge(reference, str(result["transfer_id"]), amount_cents)
