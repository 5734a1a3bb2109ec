"""Acceptance check: the contract gains the list operation the frontend asked for in ticket FE-311.

    GET /orders?cursor=...&limit=...   both optional; limit from 1 to 100
    200 -> {"items": [Order, ...], "next_cursor": "..." or null on the last page}, both always present
    400 -> problem details (application/problem+json) for a bad cursor or limit

Examples that match their schemas, doclint clean in strict mode, a mock that serves both responses, and
no change to the operations clients already use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from examples.communication.api_contracts.breaking import breaking_changes
from examples.communication.api_contracts.contract import Contract, body_errors, load_contract
from examples.communication.api_contracts.mock_server import build_mock
from labs.communication_lab.doclint import lint_file

ORDER = {"id": 42, "status": "paid", "total_cents": 1999, "currency": "EUR"}


def contract(answer: Path) -> Contract:
    return yaml.safe_load(answer.read_text(encoding="utf-8"))


def list_operation(answer: Path) -> dict[str, Any]:
    op = contract(answer)["paths"].get("/orders", {}).get("get")
    assert op is not None, "no GET /orders in the contract"
    return op


def test_doclint_passes_strictly(answer: Path) -> None:
    findings = lint_file(answer)
    assert findings == [], "\n".join(str(f) for f in findings)


def test_cursor_and_limit_are_optional_and_limit_is_bounded(answer: Path) -> None:
    params = {p["name"]: p for p in list_operation(answer).get("parameters", []) if p.get("in") == "query"}
    assert set(params) >= {"cursor", "limit"}, f"query parameters: {sorted(params)}"
    assert not any(p.get("required") for p in params.values()), "the first page is asked for with no parameters"
    limit = params["limit"]["schema"]
    assert limit.get("type") == "integer" and limit.get("minimum") == 1, "limit is a whole number of at least 1"
    assert 1 <= limit.get("maximum", 10**9) <= 100, "cap limit (at 100 or less) so one request cannot ask for all"


def test_the_pages_the_frontend_needs_are_valid(answer: Path) -> None:
    for body in ({"items": [ORDER], "next_cursor": "b3JkZXI6NDI"}, {"items": [], "next_cursor": None}):
        errors = body_errors(contract(answer), "/orders", "get", 200, body, closed=False)
        assert errors == [], f"the contract refuses {body}: {errors}"


def test_bodies_the_frontend_cannot_use_are_invalid(answer: Path) -> None:
    unusable = {
        "a bare array (no room for next_cursor, now or later)": [ORDER],
        "a page without next_cursor": {"items": [ORDER]},
        "a page whose items are not Orders": {"items": [{"id": "42"}], "next_cursor": None},
    }
    accepted = [
        what for what, body in unusable.items() if not body_errors(contract(answer), "/orders", "get", 200, body)
    ]
    assert not accepted, "the contract accepts " + "; ".join(accepted)


def test_every_example_matches_its_schema(answer: Path) -> None:
    document = contract(answer)
    wrong = [
        f"{method.upper()} {path} {status}: {error}"
        for path, methods in document["paths"].items()
        for method, op in methods.items()
        for status, response in op["responses"].items()
        for error in body_errors(document, path, method, int(status), _example(response))
    ]
    assert not wrong, "\n".join(wrong)


def test_the_mock_serves_a_page_and_a_problem(answer: Path) -> None:
    mock = TestClient(build_mock(contract(answer)))
    page = mock.get("/orders")
    assert page.status_code == 200 and isinstance(page.json(), dict) and page.json().get("items")
    bad = mock.get("/orders", params={"limit": 1000}, headers={"Prefer": "code=400"})
    assert bad.status_code == 400, "document the 400 the frontend must handle"
    assert bad.headers["content-type"].startswith("application/problem+json")


@pytest.mark.starter_passes
def test_existing_operations_are_unchanged(answer: Path) -> None:
    assert breaking_changes(load_contract(), contract(answer)) == []


def _example(response: dict[str, Any]) -> object:
    [media] = response["content"].values()
    return media.get("example")
