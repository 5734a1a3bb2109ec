"""Acceptance check: the wallet adapter passes the payment port's contract, its busy errors are retried by the
lesson's RetryingGateway, its declines are final, no wallet exception crosses the port, and bugs stay bugs."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from examples.architecture.design_patterns.payments import PaymentFailed, RetryingGateway, TransientPaymentError
from exercises import load_module


class ScriptedWallet:
    """A wallet client that raises the given errors, in order, before it accepts a transfer."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.keys: list[str] = []

    def transfer(self, *, amount_minor: int, currency_code: str, idempotency_key: str) -> dict[str, Any]:
        self.keys.append(idempotency_key)
        if self.errors:
            raise self.errors.pop(0)
        return {"transfer_id": f"wt_{len(self.keys)}", "amount_minor": amount_minor, "currency": currency_code}


def adapter(module: ModuleType, wallet: ScriptedWallet) -> Any:
    return module.WalletAdapter(wallet)


@pytest.mark.starter_passes
def test_the_adapter_honors_the_port_contract(answer: Path) -> None:
    module = load_module(answer)
    charge = adapter(module, ScriptedWallet()).charge(1999, "EUR", reference="order-1")
    assert (charge.reference, charge.amount_cents) == ("order-1", 1999) and charge.provider_id


def test_a_busy_wallet_is_retried_by_the_retrying_gateway(answer: Path) -> None:
    module = load_module(answer)
    wallet = ScriptedWallet(module.WalletBusy("maintenance"), module.WalletBusy("maintenance"))
    try:
        charge = RetryingGateway(adapter(module, wallet), attempts=3).charge(700, "EUR", "order-2")
    except module.WalletError as error:
        pytest.fail(f"{type(error).__name__} crossed the port, so RetryingGateway could not recognize it: {error}")
    assert charge.reference == "order-2"
    assert wallet.keys == ["order-2"] * 3, "three attempts, all with the same idempotency key"


def test_a_decline_is_final_and_keeps_the_wallets_reason(answer: Path) -> None:
    module = load_module(answer)
    declined = module.WalletDeclined("insufficient funds")
    wallet = ScriptedWallet(declined)
    with pytest.raises(Exception) as raised:
        RetryingGateway(adapter(module, wallet), attempts=3).charge(700, "EUR", "order-3")
    assert isinstance(raised.value, PaymentFailed), (
        f"a decline reached the caller as {type(raised.value).__name__}: translate it into PaymentFailed, the "
        "port's error for a final refusal, or checkout shows a 500 instead of 'declined'"
    )
    error = raised.value
    kept = error.__cause__ is declined or (error.__context__ is declined and not error.__suppress_context__)
    assert kept, "keep the wallet's exception as the cause (raise ... from error): the logs need its reason"
    assert wallet.keys == ["order-3"], "a decline must not be retried"


def test_no_wallet_exception_crosses_the_port(answer: Path) -> None:
    module = load_module(answer)
    for error in (module.WalletBusy("busy"), module.WalletDeclined("no")):
        with pytest.raises(Exception) as raised:
            adapter(module, ScriptedWallet(error)).charge(1, "EUR", "r")
        assert isinstance(raised.value, TransientPaymentError | PaymentFailed), (
            f"{type(error).__name__} left the adapter as {type(raised.value).__name__}: callers of the port should "
            "only ever catch the port's errors"
        )


@pytest.mark.starter_passes
def test_a_bug_is_not_disguised_as_a_decline(answer: Path) -> None:
    module = load_module(answer)
    with pytest.raises(ValueError, match="ISO 4217"):
        adapter(module, ScriptedWallet(ValueError("currency_code must be ISO 4217"))).charge(1, "euro", "r")
