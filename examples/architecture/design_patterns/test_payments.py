"""Adapters honor one contract; decorators add behavior without changing it; strategies swap rules."""

from __future__ import annotations

import logging

import pytest

from examples.architecture.design_patterns.payments import (
    SHIPPING,
    CardsApiAdapter,
    CardsApiClient,
    Charge,
    LegacyBankAdapter,
    LegacyBankGateway,
    LoggingGateway,
    PaymentFailed,
    RetryingGateway,
    TransientPaymentError,
)


# --8<-- [start:contract]
@pytest.fixture(params=["cards", "bank"])
def gateway(request):
    if request.param == "cards":
        return CardsApiAdapter(CardsApiClient())
    return LegacyBankAdapter(LegacyBankGateway(declined_references=frozenset({"declined-1"})))


def test_every_adapter_charges_in_cents_and_returns_a_charge(gateway):
    charge = gateway.charge(1999, "EUR", reference="order-1")
    assert isinstance(charge, Charge)
    assert (charge.reference, charge.amount_cents) == ("order-1", 1999)
    assert charge.provider_id


# --8<-- [end:contract]


def test_the_bank_adapter_converts_cents_to_decimal_units_and_codes_to_exceptions():
    bank = LegacyBankGateway(declined_references=frozenset({"declined-1"}))
    adapter = LegacyBankAdapter(bank)
    assert adapter.charge(1005, "eur", "ok-1").provider_id == "BNK-ok-1"
    with pytest.raises(PaymentFailed, match="bank code 05"):
        adapter.charge(1005, "eur", "declined-1")


def test_the_cards_adapter_passes_the_reference_as_metadata():
    client = CardsApiClient()
    CardsApiAdapter(client).charge(500, "EUR", "order-9")
    assert client.created[0]["metadata"] == {"reference": "order-9"}
    assert client.created[0]["currency"] == "eur"


class Flaky:
    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.calls = 0

    def charge(self, amount_cents: int, currency: str, reference: str) -> Charge:
        self.calls += 1
        if self.calls <= self.failures:
            raise TransientPaymentError("provider timed out")
        return Charge(reference, f"p{self.calls}", amount_cents)


# --8<-- [start:decorators]
def test_decorators_stack_and_keep_the_interface(caplog):
    inner = Flaky(failures=2)
    gateway = LoggingGateway(RetryingGateway(inner, attempts=3))
    with caplog.at_level(logging.INFO, logger="payments"):
        charge = gateway.charge(700, "EUR", "order-2")
    assert charge.provider_id == "p3" and inner.calls == 3
    assert [r.getMessage() for r in caplog.records] == ["charge ok"]


def test_logging_inside_the_retry_logs_every_attempt(caplog):
    gateway = RetryingGateway(LoggingGateway(Flaky(failures=2)), attempts=3)
    with caplog.at_level(logging.INFO, logger="payments"):
        gateway.charge(700, "EUR", "order-3")
    assert [r.getMessage() for r in caplog.records] == ["charge failed, may be retried"] * 2 + ["charge ok"]


def test_retrying_gives_up_after_its_attempts_and_never_retries_a_decline():
    with pytest.raises(TransientPaymentError):
        RetryingGateway(Flaky(failures=5), attempts=3).charge(1, "EUR", "r")
    bank = LegacyBankAdapter(LegacyBankGateway(declined_references=frozenset({"r"})))
    with pytest.raises(PaymentFailed):
        RetryingGateway(bank, attempts=3).charge(1, "EUR", "r")


# --8<-- [end:decorators]


# --8<-- [start:strategy]
@pytest.mark.parametrize(
    ("rule", "weight", "subtotal", "expected"),
    [
        ("flat", 5000, 1000, 499),
        ("weight", 2000, 1000, 599),  # 2.99 + 2 kg x 1.50
        ("free-over-50", 2000, 4999, 599),
        ("free-over-50", 2000, 5000, 0),
    ],
)
def test_shipping_rules_are_interchangeable(rule, weight, subtotal, expected):
    assert SHIPPING[rule](weight, subtotal) == expected


# --8<-- [end:strategy]
