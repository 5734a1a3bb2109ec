"""Adapter, decorator and strategy around payments: one interface, many providers, added behavior."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

logger = logging.getLogger("payments")


@dataclass(frozen=True)
class Charge:
    reference: str
    provider_id: str
    amount_cents: int


class PaymentFailed(Exception):
    """The provider refused the charge: final, do not retry."""


class TransientPaymentError(Exception):
    """The provider could not be reached or asked us to try again."""


# --8<-- [start:port]
class PaymentGateway(Protocol):
    """The one interface the application knows. Each provider gets an adapter that speaks it."""

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge: ...


# --8<-- [end:port]


# Two third-party clients with their own shapes, standing in for real SDKs.
class CardsApiClient:
    def __init__(self) -> None:
        self.created: list[dict[str, object]] = []

    def create_payment_intent(self, *, amount: int, currency: str, metadata: dict[str, str]) -> dict[str, object]:
        intent = {"id": f"pi_{len(self.created) + 1}", "status": "succeeded", "amount": amount, "currency": currency}
        self.created.append({**intent, "metadata": metadata})
        return intent


class LegacyBankGateway:
    """Amounts in decimal units, results as (code, text) tuples: '00' means approved."""

    def __init__(self, declined_references: frozenset[str] = frozenset()) -> None:
        self.declined = declined_references

    def pay(self, amount: Decimal, iso_currency: str, order_ref: str) -> tuple[str, str]:
        if order_ref in self.declined:
            return ("05", "DO NOT HONOUR")
        return ("00", f"BNK-{order_ref}")


# --8<-- [start:adapters]
class CardsApiAdapter:
    def __init__(self, client: CardsApiClient) -> None:
        self.client = client

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        intent = self.client.create_payment_intent(
            amount=amount_cents, currency=currency.lower(), metadata={"reference": reference}
        )
        if intent["status"] != "succeeded":
            raise PaymentFailed(f"{reference}: {intent['status']}")
        return Charge(reference, str(intent["id"]), amount_cents)


class LegacyBankAdapter:
    def __init__(self, bank: LegacyBankGateway) -> None:
        self.bank = bank

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        amount = (Decimal(amount_cents) / 100).quantize(Decimal("0.01"))
        code, text = self.bank.pay(amount, currency.upper(), reference)
        if code != "00":
            raise PaymentFailed(f"{reference}: bank code {code}")
        return Charge(reference, text, amount_cents)


# --8<-- [end:adapters]


# --8<-- [start:decorators]
class RetryingGateway:
    """Same interface, one more behavior: retry transient failures. Wraps any PaymentGateway."""

    def __init__(self, inner: PaymentGateway, attempts: int = 3) -> None:
        self.inner = inner
        self.attempts = attempts

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        for attempt in range(1, self.attempts + 1):
            try:
                # Safe to repeat only because `reference` is an idempotency key the provider deduplicates on.
                return self.inner.charge(amount_cents, currency, reference)
            except TransientPaymentError:
                if attempt == self.attempts:
                    raise
        raise AssertionError("unreachable")


class LoggingGateway:
    def __init__(self, inner: PaymentGateway) -> None:
        self.inner = inner

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        try:
            result = self.inner.charge(amount_cents, currency, reference)
        except PaymentFailed:
            logger.info("charge declined", extra={"reference": reference})
            raise
        except TransientPaymentError:
            logger.warning("charge failed, may be retried", extra={"reference": reference})
            raise
        logger.info("charge ok", extra={"reference": reference, "provider_id": result.provider_id})
        return result


# --8<-- [end:decorators]


# --8<-- [start:strategy]
ShippingStrategy = Callable[[int, int], int]  # (weight in grams, subtotal in cents) -> shipping in cents


def flat_rate(weight_grams: int, subtotal_cents: int) -> int:
    return 499


def by_weight(weight_grams: int, subtotal_cents: int) -> int:
    kilos = Decimal(weight_grams) / 1000
    return int((Decimal(299) + kilos * 150).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def free_over(threshold_cents: int, otherwise: ShippingStrategy) -> ShippingStrategy:
    def strategy(weight_grams: int, subtotal_cents: int) -> int:
        return 0 if subtotal_cents >= threshold_cents else otherwise(weight_grams, subtotal_cents)

    return strategy


SHIPPING: dict[str, ShippingStrategy] = {
    "flat": flat_rate,
    "weight": by_weight,
    "free-over-50": free_over(5000, by_weight),
}


# --8<-- [end:strategy]
