"""Acceptance check: the Go items service meets the chapter's shared contract, over real loopback HTTP.

The answer is vetted and built with the system Go, started on a free port, and probed with the same
check_items_contract every implementation in the chapter passes; the first tests repeat its parts one by one
so that a failure says which part of the contract broke.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from examples.languages.harness import ITEMS, check_items_contract, free_port, running_server
from exercises.languages.toolchains import go_build


@pytest.fixture
def base_url(answer: Path, tmp_path: Path) -> Iterator[str]:
    binary = go_build(answer, tmp_path / "build")
    with running_server([str(binary)], free_port()) as url:
        yield url


def test_items_use_the_contracts_field_names(base_url: str) -> None:
    for item_id, item in ITEMS.items():
        body = httpx.get(f"{base_url}/items/{item_id}").json()
        assert body == item, f"/items/{item_id} sent {body}; consumers read {sorted(item)}"


def test_health_is_json(base_url: str) -> None:
    response = httpx.get(f"{base_url}/health")
    assert response.headers.get("content-type", "").startswith("application/json"), response.text
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("raw_id", ["999", "abc"])
def test_an_unknown_item_is_a_problem_document(base_url: str, raw_id: str) -> None:
    response = httpx.get(f"{base_url}/items/{raw_id}")
    assert response.status_code == 404
    media_type = response.headers.get("content-type", "")
    assert media_type.startswith("application/problem+json"), f"a 404 sent as {media_type!r}"
    body = response.json()
    assert (body["status"], body["title"]) == (404, "Not Found") and raw_id in body["detail"]


def test_the_shared_contract_passes(base_url: str) -> None:
    check_items_contract(base_url)
