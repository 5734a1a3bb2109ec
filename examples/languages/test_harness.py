"""The shared contract check must fail for a server that breaks the contract, or it proves nothing."""

from __future__ import annotations

import json

import httpx
import pytest

from examples.languages.harness import ITEMS, check_items_contract, free_port


def _server(problem_type: str) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        item_id = int(request.url.path.rsplit("/", 1)[1])
        if item_id in ITEMS:
            return httpx.Response(200, json=ITEMS[item_id])
        body = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": f"No item with id {item_id}"}
        return httpx.Response(404, content=json.dumps(body), headers={"content-type": problem_type})

    return httpx.MockTransport(handler)


def test_a_conforming_server_passes() -> None:
    check_items_contract("http://svc", transport=_server("application/problem+json"))


def test_a_plain_json_404_fails_the_contract() -> None:
    with pytest.raises(AssertionError):
        check_items_contract("http://svc", transport=_server("application/json"))


def test_free_port_is_a_usable_loopback_port() -> None:
    assert 1024 <= free_port() <= 65535
