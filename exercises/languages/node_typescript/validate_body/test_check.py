"""Acceptance check: POST /items accepts exactly the contract and says precisely what it refuses.

The contract: a JSON object {"name": string of 1 to 100 characters, "price_cents": integer >= 0}.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from examples.languages.harness import free_port, running_server
from exercises.languages.toolchains import TypeScriptBuilds, node


@pytest.fixture
def api(answer: Path, typescript_build: TypeScriptBuilds) -> Iterator[httpx.Client]:
    with (
        running_server([node(), str(typescript_build(answer))], free_port()) as base_url,
        httpx.Client(base_url=base_url, timeout=10) as client,
    ):
        yield client


def refused_fields(response: httpx.Response) -> set[str]:
    return {error["field"] for error in response.json().get("errors", [])}


@pytest.mark.starter_passes
def test_a_valid_item_is_created(api: httpx.Client) -> None:
    created = api.post("/items", json={"name": "Monitor", "price_cents": 15900})
    assert created.status_code == 201
    assert api.get(created.headers["location"]).json() == {"id": 3, "name": "Monitor", "price_cents": 15900}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"price_cents": 100}, {"name"}),
        ({"name": 42, "price_cents": 100}, {"name"}),
        ({"name": "", "price_cents": 100}, {"name"}),
        ({"name": "x" * 101, "price_cents": 100}, {"name"}),
        ({"name": "Cable"}, {"price_cents"}),
        ({"name": "Cable", "price_cents": "1250"}, {"price_cents"}),
        ({"name": "Cable", "price_cents": 12.5}, {"price_cents"}),
        ({"name": "Cable", "price_cents": -1}, {"price_cents"}),
        ({"name": None, "price_cents": None}, {"name", "price_cents"}),
    ],
)
def test_a_body_off_the_contract_is_a_422_naming_each_bad_field(
    api: httpx.Client, body: dict[str, object], fields: set[str]
) -> None:
    response = api.post("/items", json=body)
    assert response.status_code == 422, f"{body} answered {response.status_code}, expected 422"
    assert response.headers["content-type"].startswith("application/problem+json")
    assert refused_fields(response) == fields, (
        f'{body}: the problem\'s "errors" must list one {{"field": ..., "message": ...}} per bad field, '
        f"here exactly {sorted(fields)}"
    )
    assert api.get("/items/3").status_code == 404, "a refused item must not be stored"


@pytest.mark.parametrize("body", [[1, 2], "a string", None])
def test_a_body_that_is_not_an_object_is_a_422(api: httpx.Client, body: object) -> None:
    raw = json.dumps(body).encode()  # json=None would send no body at all
    response = api.post("/items", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422, f"{body!r} answered {response.status_code}, expected 422"
    assert response.headers["content-type"].startswith("application/problem+json")


def test_broken_json_is_a_400_problem(api: httpx.Client) -> None:
    response = api.post(
        "/items", content=b'{"name": "Cable", "price_cents": 1', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400, f"half a JSON document answered {response.status_code}, expected 400"
    assert response.headers["content-type"].startswith("application/problem+json")
    assert api.get("/items/1").status_code == 200, "the server must still be up"


def test_a_body_over_64_kib_is_refused_with_413(api: httpx.Client) -> None:
    huge = b'{"name": "' + b"x" * (200 * 1024) + b'", "price_cents": 1}'
    try:
        response = api.post("/items", content=huge, headers={"content-type": "application/json"})
    except httpx.TransportError:
        pytest.fail("the server dropped the connection instead of answering 413")
    assert response.status_code == 413, f"a 200 KiB body answered {response.status_code}, expected 413"
    assert api.get("/items/3").status_code == 404
