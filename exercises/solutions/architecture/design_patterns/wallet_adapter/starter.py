"""A reference solution: the adapter translates the wallet's errors into the port's, and nothing else."""

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
        try:
            result = self.client.transfer(amount_minor=amount_cents, currency_code=currency, idempotency_key=reference)
        # Translate only the wallet's own errors: a bug (TypeError, ValueError) must not pass for a decline.
        except WalletBusy as error:
            raise TransientPaymentError(f"{reference}: wallet busy") from error
        except WalletDeclined as error:
            raise PaymentFailed(f"{reference}: wallet declined") from error
        return Charge(reference, str(result["transfer_id"]), amount_cents)
