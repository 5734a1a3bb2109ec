"""Acceptance check: a client that reconnects to /ws?after=n receives exactly the messages it missed,
in order, then live messages; a client that just chats is unaffected."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module


@pytest.fixture
def client(answer: Path):
    with TestClient(load_module(answer).create_app()) as test_client:
        yield test_client


def say(ws: object, text: str) -> None:
    ws.send_json({"name": "bob", "text": text})  # type: ignore[attr-defined]


def test_a_reconnecting_client_gets_what_it_missed_then_live_messages(client: TestClient) -> None:
    with client.websocket_connect("/ws") as bob:
        with client.websocket_connect("/ws") as alice:
            say(bob, "m1")
            assert bob.receive_json()["id"] == 1
            last_seen = alice.receive_json()["id"]
        # alice's phone changes networks: bob keeps talking
        say(bob, "m2")
        say(bob, "m3")
        assert [bob.receive_json()["text"] for _ in range(2)] == ["m2", "m3"]
        with client.websocket_connect(f"/ws?after={last_seen}") as alice:
            for text in ("m4", "m5", "m6"):  # the conversation goes on
                say(bob, text)
            received = [alice.receive_json() for _ in range(3)]
            assert [(m["id"], m["text"]) for m in received] == [(2, "m2"), (3, "m3"), (4, "m4")], (
                f"after reconnecting with after={last_seen}, alice received {[m['text'] for m in received]}: send "
                "the messages she missed, in order, then the live ones"
            )


@pytest.mark.starter_passes
def test_resuming_from_the_latest_id_replays_nothing(client: TestClient) -> None:
    with client.websocket_connect("/ws") as bob:
        say(bob, "m1")
        bob.receive_json()
        with client.websocket_connect("/ws?after=1") as alice:
            for text in ("m2", "m3"):
                say(bob, text)
            first = alice.receive_json()
            assert (first["id"], first["text"]) == (2, "m2"), (
                f"alice was up to date, so the first thing she receives is the next live message, not {first}"
            )


@pytest.mark.starter_passes
def test_an_ordinary_first_message_is_still_chat(client: TestClient) -> None:
    with client.websocket_connect("/ws") as alice, client.websocket_connect("/ws") as bob:
        alice.send_json({"name": "alice", "text": "hi"})
        assert bob.receive_json() == {"id": 1, "from": "alice", "text": "hi"}
        assert alice.receive_json()["text"] == "hi"
