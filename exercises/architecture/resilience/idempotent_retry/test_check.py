"""Acceptance check: a charge whose response is lost is retried without charging twice, a retry that finds the
first attempt still running waits for it, and separate charges stay separate."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from exercises import load_module
from labs.resilience_lab.resilience.clock import FakeClock
from labs.resilience_lab.resilience.retry import RetryPolicy

READ_TIMEOUT_S = 2.0


@dataclass
class Entry:
    body: bytes
    payment_id: str
    done_at: float


@dataclass
class Provider:
    """A payment provider that deduplicates by Idempotency-Key, as the IETF draft describes: the same key and
    body replay the first response, a key still being processed gets 409, a key reused with another body 422."""

    clock: FakeClock
    processing_s: float = 0.0  # how long a charge takes; the caller times out after READ_TIMEOUT_S
    lose_first_response: bool = False
    decline: bool = False
    keys: dict[str, Entry] = field(default_factory=dict)
    payments: list[dict[str, object]] = field(default_factory=list)
    requests: list[str | None] = field(default_factory=list)  # the key each request carried

    def handle(self, request: httpx.Request) -> httpx.Response:
        key = request.headers.get("Idempotency-Key")
        self.requests.append(key)
        if self.decline:
            return httpx.Response(402, json={"title": "card declined"})
        if key is not None and key in self.keys:
            return self.repeat(self.keys[key], request.content)
        payment_id = f"pay_{len(self.payments) + 1}"
        self.payments.append(json.loads(request.content))
        entry = Entry(request.content, payment_id, self.clock.now() + self.processing_s)
        if key is not None:
            self.keys[key] = entry
        if self.processing_s > READ_TIMEOUT_S:  # the caller stops waiting before the charge is done
            self.clock.advance(READ_TIMEOUT_S)
            raise httpx.ReadTimeout("no response within the read timeout", request=request)
        self.clock.advance(self.processing_s)
        if self.lose_first_response and len(self.requests) == 1:
            raise httpx.ReadError("connection reset before the response arrived", request=request)
        return httpx.Response(201, json={"id": payment_id})

    def repeat(self, entry: Entry, body: bytes) -> httpx.Response:
        if json.loads(body) != json.loads(entry.body):
            return httpx.Response(422, json={"title": "Idempotency-Key reused with a different request"})
        if self.clock.now() < entry.done_at:
            return httpx.Response(
                409, headers={"Retry-After": "1"}, json={"title": "a request with this key is in progress"}
            )
        return httpx.Response(201, json={"id": entry.payment_id})


def client_for(answer: Path, provider: Provider) -> object:
    module = load_module(answer)
    http = httpx.Client(base_url="https://payments.test", transport=httpx.MockTransport(provider.handle))
    policy = RetryPolicy(max_attempts=5, base_s=0.1, cap_s=1.0, time_budget_s=30.0)
    return module.PaymentClient(http, provider.clock, policy, random.Random(3))  # noqa: S311


def test_a_lost_response_is_retried_without_charging_twice(answer: Path) -> None:
    provider = Provider(FakeClock(), lose_first_response=True)
    payment_id = client_for(answer, provider).charge("order-17", 4_999)  # type: ignore[attr-defined]
    assert len(provider.requests) >= 2, "the first response was lost: the charge must be retried"
    assert len(provider.payments) == 1, (
        f"one charge() made {len(provider.payments)} payments; its attempts sent the keys {provider.requests}. "
        "A retry must carry the same Idempotency-Key as the attempt it repeats"
    )
    assert payment_id == "pay_1", "the retry should return the payment the first attempt made"


def test_a_retry_that_finds_the_first_attempt_still_running_waits_for_it(answer: Path) -> None:
    provider = Provider(FakeClock(), processing_s=3.0)  # slower than the 2 s the client waits for a response
    try:
        payment_id = client_for(answer, provider).charge("order-18", 1_250)  # type: ignore[attr-defined]
    except Exception as error:  # the check reports any failure with what the provider saw
        pytest.fail(
            f"charge() failed with {error!r} after {len(provider.requests)} requests and "
            f"{len(provider.payments)} payments: a 409 means the provider is still working on this key; wait as "
            "its Retry-After says and ask again with the same key"
        )
    assert len(provider.payments) == 1, (
        f"one charge() made {len(provider.payments)} payments while the provider was slow (keys sent: "
        f"{provider.requests})"
    )
    assert payment_id == "pay_1", (
        "the provider answers 409 with Retry-After while it is still working on a key: wait and ask again"
    )


@pytest.mark.starter_passes
def test_separate_charges_stay_separate(answer: Path) -> None:
    provider = Provider(FakeClock())
    client = client_for(answer, provider)
    first = client.charge("order-19", 2_000)  # type: ignore[attr-defined]
    second = client.charge("order-20", 3_500)  # type: ignore[attr-defined]
    assert [p["order_id"] for p in provider.payments] == ["order-19", "order-20"], (
        "two different charges must be two payments: each charge needs its own key"
    )
    assert first != second
    assert None not in provider.requests, "send an Idempotency-Key with every payment request"


@pytest.mark.starter_passes
def test_a_declined_card_is_not_retried(answer: Path) -> None:
    provider = Provider(FakeClock(), decline=True)
    with pytest.raises(Exception, match="402"):
        client_for(answer, provider).charge("order-21", 900)  # type: ignore[attr-defined]
    assert len(provider.requests) == 1, "a 402 will not change on a retry"
