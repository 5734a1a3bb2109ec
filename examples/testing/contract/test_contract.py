"""Consumer tests produce the contract; the provider is verified against the published file."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from examples.testing.contract.consumer import OrdersClient, OrderSummary, build_contract
from examples.testing.contract.contract import Json, load, mismatches, stub_transport, verify_provider
from examples.testing.contract.provider import make_app, set_state

PUBLISHED = Path(__file__).with_name("checkout-web--orders-service.json")


def stub_client(state: str) -> httpx.Client:
    return httpx.Client(transport=stub_transport(build_contract(), state), base_url="http://orders")


# --8<-- [start:consumer_tests]
def test_consumer_reads_an_order_from_the_contract_stub() -> None:
    summary = OrdersClient(stub_client("order 42 exists")).summary(42)
    assert summary == OrderSummary(id=42, status="paid", total_cents=1999)


def test_consumer_treats_404_as_none() -> None:
    assert OrdersClient(stub_client("no orders exist")).summary(7) is None


def test_published_contract_is_what_the_consumer_tests_use() -> None:
    # In a real pipeline the consumer's CI writes this file and pushes it to a broker; here it is checked in.
    assert load(PUBLISHED) == json.loads(json.dumps(build_contract()))


# --8<-- [end:consumer_tests]


def test_a_client_that_reads_a_field_the_contract_does_not_list_fails_against_the_stub() -> None:
    response = stub_client("order 42 exists").get("/orders/42")
    assert set(response.json()) == {"id", "status", "total_cents"}  # the stub sends exactly what is listed
    with pytest.raises(KeyError):
        _ = response.json()["currency"]  # so a client reading "currency" fails here, not in production


def test_the_stub_answers_500_to_a_request_the_contract_does_not_list() -> None:
    response = stub_client("order 42 exists").get("/orders/43")
    assert response.status_code == 500


# --8<-- [start:provider_tests]
def test_provider_honours_the_contract() -> None:
    client = TestClient(make_app())
    assert verify_provider(load(PUBLISHED), client, set_state) == []


def test_renaming_a_field_breaks_the_contract() -> None:
    client = TestClient(make_app(rename_total=True))
    failures = verify_provider(load(PUBLISHED), client, set_state)
    assert failures == ["an existing order: $.total_cents: missing"]


# --8<-- [end:provider_tests]


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ({"n": {"$like": 1}}, {"n": 99, "extra": True}, True),  # extra fields are fine
        ({"n": {"$like": 1}}, {"n": "99"}, False),  # the type must match
        ({"n": {"$like": 1}}, {"n": True}, False),  # a JSON boolean is not a number, though bool is an int
        ({"id": 42}, {"id": 43}, False),  # without like(), the value must match
        ([{"$like": "a"}], ["b", "c"], True),  # a list is a prefix: only the listed items are compared
        ([{"$like": "a"}], ["b", 3], True),  # so the second item is not checked at all
        ([{"$like": "a"}], [], False),
        ({"$like": {"a": 1}}, {"a": 1}, True),
    ],
)
def test_matching_rules(expected: Json, actual: Json, ok: bool) -> None:
    assert (mismatches(expected, actual) == []) is ok
