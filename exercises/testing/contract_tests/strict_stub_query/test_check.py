"""Acceptance check: the stub answers only requests whose query is exactly the one the contract lists."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from exercises import load_module

CONTRACT = {
    "consumer": "checkout-web",
    "provider": "orders-service",
    "interactions": [
        {
            "description": "a customer's paid and shipped orders",
            "provider_state": "customer c1 has orders",
            "request": {
                "method": "GET",
                "path": "/orders",
                "query": {"customer": ["c1"], "status": ["paid", "shipped"]},
            },
            "response": {"status": 200, "body": {"orders": [{"id": {"$like": 42}}]}},
        },
        {
            "description": "one order",
            "provider_state": "customer c1 has orders",
            "request": {"method": "GET", "path": "/orders/42"},
            "response": {"status": 200, "body": {"id": 42}},
        },
    ],
}


def client(answer: Path, state: str = "customer c1 has orders") -> httpx.Client:
    return httpx.Client(transport=load_module(answer).stub_transport(CONTRACT, state), base_url="http://orders")


@pytest.mark.starter_passes
def test_the_listed_request_gets_the_listed_response(answer: Path) -> None:
    response = client(answer).get("/orders", params=[("customer", "c1"), ("status", "paid"), ("status", "shipped")])
    assert response.status_code == 200
    assert response.json() == {"orders": [{"id": 42}]}


@pytest.mark.starter_passes
def test_the_order_of_different_parameters_does_not_matter(answer: Path) -> None:
    response = client(answer).get("/orders", params=[("status", "paid"), ("customer", "c1"), ("status", "shipped")])
    assert response.status_code == 200


def test_a_misnamed_parameter_gets_no_answer(answer: Path) -> None:
    response = client(answer).get("/orders", params=[("customer_id", "c1"), ("status", "paid"), ("status", "shipped")])
    assert response.status_code == 500, "customer_id is not in the contract: the consumer's test must fail here"


def test_a_missing_parameter_gets_no_answer(answer: Path) -> None:
    assert client(answer).get("/orders", params={"customer": "c1"}).status_code == 500


def test_an_extra_parameter_gets_no_answer(answer: Path) -> None:
    params = [("customer", "c1"), ("status", "paid"), ("status", "shipped"), ("page", "2")]
    assert client(answer).get("/orders", params=params).status_code == 500, "be strict in what the consumer sends"


def test_a_wrong_value_gets_no_answer(answer: Path) -> None:
    params = [("customer", "c2"), ("status", "paid"), ("status", "shipped")]
    assert client(answer).get("/orders", params=params).status_code == 500


def test_a_query_on_a_request_listed_without_one_gets_no_answer(answer: Path) -> None:
    assert client(answer).get("/orders/42", params={"expand": "lines"}).status_code == 500


@pytest.mark.starter_passes
def test_another_provider_state_gets_no_answer(answer: Path) -> None:
    assert client(answer, "no orders exist").get("/orders/42").status_code == 500
