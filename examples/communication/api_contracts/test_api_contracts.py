"""The mock, the real app and the contract agree; the breaking-change check catches what the lesson says."""

from __future__ import annotations

import copy
import datetime as dt
from email.utils import parsedate_to_datetime

import pytest
from fastapi.testclient import TestClient

from examples.communication.api_contracts.app import app
from examples.communication.api_contracts.breaking import breaking_changes
from examples.communication.api_contracts.contract import Contract, body_errors, load_contract
from examples.communication.api_contracts.mock_server import build_mock


@pytest.fixture
def contract() -> Contract:
    return load_contract()


def test_every_documented_example_matches_its_own_schema(contract: Contract) -> None:
    for path, methods in contract["paths"].items():
        for method, op in methods.items():
            for status, response in op["responses"].items():
                example = next(iter(response["content"].values()))["example"]
                assert body_errors(contract, path, method, int(status), example) == [], (path, status)


def test_mock_serves_examples_and_other_documented_statuses(contract: Contract) -> None:
    mock = TestClient(build_mock(contract))
    ok = mock.get("/orders/7")
    assert ok.status_code == 200 and ok.json()["status"] == "paid"
    missing = mock.get("/orders/7", headers={"Prefer": "code=404"})
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert mock.get("/orders/7", headers={"Prefer": "code=418"}).status_code == 501


def test_the_mock_ignores_preferences_that_are_not_a_code(contract: Contract) -> None:
    mock = TestClient(build_mock(contract))
    assert mock.get("/orders/7", headers={"Prefer": "return=minimal"}).status_code == 200
    assert mock.get("/orders/7", headers={"Prefer": "return=minimal, code=404"}).status_code == 404


# --8<-- [start:contract_test]
def test_real_app_responses_conform_to_the_contract(contract: Contract) -> None:
    client = TestClient(app)
    found = client.get("/orders/42")
    assert found.status_code == 200
    assert body_errors(contract, "/orders/{order_id}", "get", 200, found.json()) == []
    missing = client.get("/orders/999")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert body_errors(contract, "/orders/{order_id}", "get", 404, missing.json()) == []


def test_a_drifted_body_is_reported(contract: Contract) -> None:
    drifted = {"id": 42, "status": "PAID", "total": 19.99, "currency": "EUR"}
    errors = body_errors(contract, "/orders/{order_id}", "get", 200, drifted)
    assert any("total_cents" in e for e in errors)
    assert any("status" in e for e in errors)


def test_an_undocumented_field_fails_the_providers_test_but_not_a_tolerant_client() -> None:
    contract = load_contract()
    leaked = {"id": 42, "status": "paid", "total_cents": 1999, "currency": "EUR", "customer_email": "a@example.com"}
    assert body_errors(contract, "/orders/{order_id}", "get", 200, leaked) == [
        "(root): Additional properties are not allowed ('customer_email' was unexpected)"
    ]
    assert body_errors(contract, "/orders/{order_id}", "get", 200, leaked, closed=False) == []


# --8<-- [end:contract_test]


def test_deprecated_endpoint_announces_deprecation_and_sunset() -> None:
    response = TestClient(app).get("/orders/42/total")
    assert response.json() == {"total": "19.99"}
    assert response.headers["deprecation"] == "@1796083200"
    deprecated = dt.datetime.fromtimestamp(int(response.headers["deprecation"].removeprefix("@")), tz=dt.UTC)
    sunset = parsedate_to_datetime(response.headers["sunset"])
    assert (deprecated.date(), sunset.date()) == (dt.date(2026, 12, 1), dt.date(2027, 6, 1))
    assert sunset > deprecated, "RFC 9745: the sunset must not come before the deprecation"
    assert 'rel="deprecation"' in response.headers["link"]
    assert TestClient(app).get("/orders/1/total").headers["deprecation"] == "@1796083200"


def test_a_field_added_to_a_closed_schema_is_breaking(contract: Contract) -> None:
    closed = copy.deepcopy(contract)
    closed["components"]["schemas"]["Order"]["additionalProperties"] = False
    new = copy.deepcopy(closed)
    new["components"]["schemas"]["Order"]["properties"]["note"] = {"type": "string"}
    assert breaking_changes(closed, new) == [
        "GET /orders/{order_id} 200: field 'note' added, but the old schema refused undocumented fields"
    ]


def test_safe_additions_are_not_breaking(contract: Contract) -> None:
    new = copy.deepcopy(contract)
    new["components"]["schemas"]["Order"]["properties"]["note"] = {"type": "string"}
    new["paths"]["/orders"] = {"get": {"operationId": "listOrders", "responses": {}}}
    assert breaking_changes(contract, new) == []


def test_breaking_changes_are_listed(contract: Contract) -> None:
    new = copy.deepcopy(contract)
    order = new["components"]["schemas"]["Order"]
    del order["properties"]["currency"]
    order["required"].remove("currency")
    order["properties"]["status"]["enum"].append("refunded")
    order["properties"]["total_cents"]["type"] = "string"
    del new["paths"]["/orders/{order_id}/total"]
    new["paths"]["/orders/{order_id}"]["get"]["parameters"].append(
        {"name": "tenant", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    changes = breaking_changes(contract, new)
    assert "GET /orders/{order_id}/total: operation removed" in changes
    assert "GET /orders/{order_id}: new required parameter 'tenant'" in changes
    assert "GET /orders/{order_id} 200: field 'currency' removed" in changes
    assert "GET /orders/{order_id} 200: field 'total_cents' changed type integer -> string" in changes
    assert "GET /orders/{order_id} 200: field 'status' may now return new values ['refunded']" in changes
