"""Consumer tests produce the contract; the provider is verified against the published file."""

import json
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from examples.testing.contract.consumer import OrdersClient, build_contract
from examples.testing.contract.contract import load, mismatches, stub_transport, verify_provider
from examples.testing.contract.provider import make_app, set_state

PUBLISHED = Path(__file__).with_name("checkout-web--orders-service.json")


# --8<-- [start:consumer_tests]
def test_consumer_reads_an_order_from_the_contract_stub():
    http = httpx.Client(transport=stub_transport(build_contract(), "order 42 exists"), base_url="http://orders")
    summary = OrdersClient(http).summary(42)
    assert (summary.id, summary.status, summary.total_cents) == (42, "paid", 1999)


def test_consumer_treats_404_as_none():
    http = httpx.Client(transport=stub_transport(build_contract(), "no orders exist"), base_url="http://orders")
    assert OrdersClient(http).summary(7) is None


def test_published_contract_is_what_the_consumer_tests_use():
    # In a real pipeline the consumer's CI writes this file and pushes it to a broker; here it is checked in.
    assert load(PUBLISHED) == json.loads(json.dumps(build_contract()))


# --8<-- [end:consumer_tests]


# --8<-- [start:provider_tests]
def test_provider_honours_the_contract():
    client = TestClient(make_app())
    assert verify_provider(load(PUBLISHED), client, set_state) == []


def test_renaming_a_field_breaks_the_contract():
    client = TestClient(make_app(rename_total=True))
    failures = verify_provider(load(PUBLISHED), client, set_state)
    assert failures == ["an existing order: $.total_cents: missing"]


# --8<-- [end:provider_tests]


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ({"n": {"$like": 1}}, {"n": 99, "extra": True}, True),
        ({"n": {"$like": 1}}, {"n": "99"}, False),
        ({"id": 42}, {"id": 43}, False),
        ([{"$like": "a"}], ["b", "c"], True),
        ({"$like": {"a": 1}}, {"a": 1}, True),
    ],
)
def test_matching_rules(expected, actual, ok):
    assert (mismatches(expected, actual) == []) is ok
