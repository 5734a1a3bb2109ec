"""Acceptance check: can_i_deploy answers for the target environment, for every consumer and provider of the
application, and treats a missing verification as unsafe."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module

CHECKOUT, MOBILE, ORDERS, PAYMENTS = "checkout-web", "mobile-app", "orders-service", "payments-service"


def broker(module: ModuleType) -> Any:
    verified = module.Verification
    return module.Broker(
        integrations={(CHECKOUT, ORDERS), (MOBILE, ORDERS), (ORDERS, PAYMENTS)},
        verifications=[
            verified(CHECKOUT, "7", ORDERS, "1", True),
            verified(CHECKOUT, "7", ORDERS, "2", False),  # 7 still reads total_cents, which 2 removed
            verified(CHECKOUT, "9", ORDERS, "1", True),
            verified(CHECKOUT, "9", ORDERS, "2", True),
            verified(CHECKOUT, "10", ORDERS, "1", True),
            verified(CHECKOUT, "10", ORDERS, "3", False),
            verified(MOBILE, "3", ORDERS, "2", True),
            verified(ORDERS, "2", PAYMENTS, "5", True),
            verified(ORDERS, "1", PAYMENTS, "5", True),
        ],
        deployed={
            "production": {CHECKOUT: "7", MOBILE: "3", ORDERS: "1", PAYMENTS: "5"},
            "staging": {CHECKOUT: "9", ORDERS: "1", PAYMENTS: "5"},
            "test": {},
        },
        main_branch={CHECKOUT: "9", MOBILE: "3", ORDERS: "3", PAYMENTS: "5"},
    )


def ask(answer: Path, application: str, version: str, environment: str) -> Any:
    module = load_module(answer)
    return module.can_i_deploy(broker(module), application, version, environment)


def test_a_provider_is_checked_against_the_consumer_versions_running_in_the_environment(answer: Path) -> None:
    decision = ask(answer, ORDERS, "2", "production")
    assert decision.ok is False, "production runs checkout-web 7, whose contract orders-service 2 fails"
    assert any(CHECKOUT in reason and "7" in reason for reason in decision.reasons), decision.reasons
    assert not any(MOBILE in reason for reason in decision.reasons), "mobile-app 3 is verified: do not blame it"


@pytest.mark.starter_passes
def test_the_same_provider_may_go_where_only_compatible_consumers_run(answer: Path) -> None:
    assert ask(answer, ORDERS, "2", "staging").ok is True  # staging runs checkout-web 9, verified with 2


def test_a_consumer_is_checked_against_the_provider_version_running_in_the_environment(answer: Path) -> None:
    decision = ask(answer, CHECKOUT, "10", "production")
    assert decision.ok is True, "production runs orders-service 1, verified with checkout-web 10 (3 is not deployed)"


def test_a_missing_verification_is_not_safe(answer: Path) -> None:
    assert ask(answer, CHECKOUT, "9", "production").ok is True  # 9 against production's orders-service 1: known
    unknown = ask(answer, CHECKOUT, "11", "production")  # 11 has never been verified against anything
    assert unknown.ok is False, "no verification result is not a yes"
    assert any(ORDERS in reason and "1" in reason for reason in unknown.reasons), unknown.reasons


def test_an_application_is_checked_as_consumer_and_as_provider(answer: Path) -> None:
    decision = ask(answer, ORDERS, "3", "production")
    assert decision.ok is False
    blamed = " ".join(decision.reasons)
    assert PAYMENTS in blamed, "orders-service 3 has never been verified against payments-service 5 in production"
    assert CHECKOUT in blamed and MOBILE in blamed, "nor its consumers' production versions against 3"


@pytest.mark.starter_passes
def test_an_empty_environment_takes_anything(answer: Path) -> None:
    assert ask(answer, ORDERS, "3", "test").ok is True
