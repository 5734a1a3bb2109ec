"""Acceptance check: `breaking_changes` reports request-body changes that refuse requests the old contract
allowed, and stays silent on the ones that only accept more. The response and parameter rules still work."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from examples.communication.api_contracts.contract import Contract, load_contract
from exercises import load_module

Change = Callable[[dict[str, Any]], None]


def base() -> Contract:
    """The orders contract plus POST /orders, whose body is CreateOrder."""
    contract = load_contract()
    contract["paths"]["/orders"] = {
        "post": {
            "operationId": "createOrder",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateOrder"}}},
            },
            "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}}},
        }
    }
    contract["components"]["schemas"]["CreateOrder"] = {
        "type": "object",
        "required": ["sku", "quantity"],
        "properties": {
            "sku": {"type": "string"},
            "quantity": {"type": "integer", "minimum": 1, "maximum": 100},
            "delivery": {"type": "string", "enum": ["standard", "express"]},
            "coupon": {"type": "string", "maxLength": 32},
            "gift_note": {"type": "string"},
        },
    }
    return contract


def changed(change: Change) -> tuple[Contract, Contract]:
    old = base()
    new = copy.deepcopy(old)
    change(new["components"]["schemas"]["CreateOrder"])
    return old, new


def request_findings(answer: Path, change: Change) -> list[str]:
    return [f for f in load_module(answer).breaking_changes(*changed(change)) if f.startswith("POST /orders request")]


def _new_required(s: dict[str, Any]) -> None:
    s["properties"]["shipping_address"] = {"type": "string"}
    s["required"].append("shipping_address")


BREAKING: dict[str, tuple[str, Change]] = {
    "a new required field": ("shipping_address", _new_required),
    "an optional field made required": ("delivery", lambda s: s["required"].append("delivery")),
    "an enum value taken away": ("delivery", lambda s: s["properties"]["delivery"]["enum"].remove("express")),
    "a lower maximum": ("quantity", lambda s: s["properties"]["quantity"].update(maximum=10)),
    "a higher minimum": ("quantity", lambda s: s["properties"]["quantity"].update(minimum=2)),
    "a shorter maxLength": ("coupon", lambda s: s["properties"]["coupon"].update(maxLength=16)),
    "a changed type": ("gift_note", lambda s: s["properties"]["gift_note"].update(type="integer")),
}

SAFE: dict[str, Change] = {
    "a new optional field": lambda s: s["properties"].update(locale={"type": "string"}),
    "an enum value added": lambda s: s["properties"]["delivery"]["enum"].append("pickup"),
    "a higher maximum": lambda s: s["properties"]["quantity"].update(maximum=500),
    "a longer maxLength": lambda s: s["properties"]["coupon"].update(maxLength=64),
    "a required field made optional": lambda s: s["required"].remove("quantity"),
}


def test_request_changes_that_refuse_old_requests_are_reported(answer: Path) -> None:
    missed = [
        f"{what} ({field})"
        for what, (field, change) in BREAKING.items()
        if not any(f"'{field}'" in finding for finding in request_findings(answer, change))
    ]
    assert not missed, (
        "not reported, though a client following the old contract now gets a 400 or 422: "
        + "; ".join(missed)
        + " (report each as `POST /orders request: field '<name>' ...`)"
    )


@pytest.mark.starter_passes
def test_request_changes_that_only_accept_more_are_safe(answer: Path) -> None:
    noisy = {what: request_findings(answer, change) for what, change in SAFE.items()}
    assert not any(noisy.values()), f"reported as breaking, but every old request still works: {noisy}"


def test_the_same_enum_change_is_safe_in_a_request_and_risky_in_a_response(answer: Path) -> None:
    old, new = changed(lambda s: s["properties"]["delivery"]["enum"].append("pickup"))
    response_old = copy.deepcopy(new)
    response_new = copy.deepcopy(new)
    response_new["components"]["schemas"]["Order"]["properties"]["status"]["enum"].append("refunded")
    module = load_module(answer)
    assert not [f for f in module.breaking_changes(old, new) if "request" in f]
    assert "GET /orders/{order_id} 200: field 'status' may now return new values ['refunded']" in (
        module.breaking_changes(response_old, response_new)
    )
    narrowed = changed(lambda s: s["properties"]["delivery"]["enum"].remove("express"))
    assert any("'delivery'" in f for f in module.breaking_changes(*narrowed) if f.startswith("POST /orders request"))


@pytest.mark.starter_passes
def test_the_existing_rules_still_report(answer: Path) -> None:
    old = base()
    new = copy.deepcopy(old)
    del new["paths"]["/orders/{order_id}/total"]
    assert "GET /orders/{order_id}/total: operation removed" in load_module(answer).breaking_changes(old, new)
