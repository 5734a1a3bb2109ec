"""Acceptance check: every response is valid JSON and carries each name exactly, whatever it contains.

Python's json module is the referee: it rejects a raw control character inside a string, as RFC 8259
requires, so a response that only works in a lenient parser fails here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

Server = Callable[[Path], AbstractContextManager[str]]

TRICKY = {
    2: 'Ruler 12" steel',
    3: "Adapter C:\\USB-C",
    4: "Label printer\nwith 2 rolls",
    6: "Tab\tseparated\x07bell",
}


def parsed(response: httpx.Response) -> dict[str, object]:
    text = response.content.decode("utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        pytest.fail(f"{response.request.url.path} is not valid JSON ({error}): {text!r}")


@pytest.mark.starter_passes
def test_plain_and_non_ascii_names_come_through(answer: Path, java_server: Server) -> None:
    with java_server(answer) as base_url:
        assert parsed(httpx.get(f"{base_url}/items/1")) == {"id": 1, "name": "Keyboard", "price_cents": 4999}
        assert parsed(httpx.get(f"{base_url}/items/5"))["name"] == "Café crème mug"


def test_every_name_comes_through_exactly(answer: Path, java_server: Server) -> None:
    with java_server(answer) as base_url:
        for item_id, name in TRICKY.items():
            response = httpx.get(f"{base_url}/items/{item_id}")
            assert response.status_code == 200
            assert parsed(response)["name"] == name, f"item {item_id}: the name changed on the way"


def test_a_404_for_an_odd_id_is_still_valid_json(answer: Path, java_server: Server) -> None:
    with java_server(answer) as base_url:
        response = httpx.get(f"{base_url}/items/%22%5Cx")  # the id is: "\x
    assert response.status_code == 404
    assert parsed(response)["detail"] == 'No item with id "\\x'
