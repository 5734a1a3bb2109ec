"""Acceptance check: a handshake from another site's page is refused even with a valid session cookie; the
site's own pages, with a session, still connect; clients without a session are still refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from exercises import load_module

OUR_ORIGIN = "https://chat.example.com"


@pytest.fixture
def client(answer: Path) -> Iterator[TestClient]:
    with TestClient(load_module(answer).create_app()) as test_client:
        yield test_client


def connect_and_read(client: TestClient, origin: str | None, session: str | None) -> dict[str, str] | None:
    """The first message the socket delivers, or None if the handshake was refused."""
    headers = {"origin": origin} if origin else {}
    client.cookies.clear()
    if session:
        client.cookies.set("session", session)
    try:
        with client.websocket_connect("/ws", headers=headers) as ws:
            return ws.receive_json()
    except (WebSocketDisconnect, WebSocketDenialResponse):
        return None


@pytest.mark.parametrize(
    "origin",
    ["https://evil.example", "https://chat.example.com.evil.example", "http://chat.example.com", "null"],
)
def test_a_page_on_another_origin_is_refused_even_with_the_users_cookie(client: TestClient, origin: str) -> None:
    leaked = connect_and_read(client, origin, "s-alice")
    assert leaked is None, (
        f"a page served from {origin} opened the socket with alice's cookie and read {leaked}. CORS does not "
        f"cover WebSocket handshakes: compare Origin with the allowed origins exactly, before accepting"
    )


@pytest.mark.starter_passes
def test_our_own_pages_still_connect(client: TestClient) -> None:
    assert connect_and_read(client, OUR_ORIGIN, "s-alice") == {"inbox": "your code is 481 516"}


@pytest.mark.starter_passes
def test_no_session_no_socket(client: TestClient) -> None:
    assert connect_and_read(client, OUR_ORIGIN, None) is None
    assert connect_and_read(client, OUR_ORIGIN, "s-forged") is None
