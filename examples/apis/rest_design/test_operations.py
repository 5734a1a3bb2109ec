"""Long-running work behind 202 Accepted, and clients that survive a new enum value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from fastapi.testclient import TestClient

from examples.apis.rest_design.app import create_app
from examples.apis.rest_design.client import retry_after_seconds, strict_is_finished, wait_for_operation
from examples.apis.rest_design.problems import PROBLEM_BASE

BOOKS = [
    {"title": "The Fifth Season", "author": "N. K. Jemisin", "year": 2015},
    {"title": "The Obelisk Gate", "author": "N. K. Jemisin", "year": 2016},
]


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


# --8<-- [start:operation_test]
def test_an_import_is_accepted_then_polled_to_a_linked_result(client: TestClient) -> None:
    started = client.post("/v1/book-imports", json={"books": BOOKS})
    assert started.status_code == 202
    monitor = started.headers["location"]
    assert monitor == f"/v1/operations/{started.json()['id']}" and started.headers["retry-after"] == "1"

    running = client.get(monitor)
    assert running.json()["status"] == "running" and running.json()["done"] is False
    assert running.headers["retry-after"] == "1"  # not finished: tell the client when to ask again

    client.app.state.worker.run_pending()  # the background worker gets to it
    finished = client.get(monitor)
    assert finished.json()["status"] == "succeeded" and finished.json()["done"] is True
    assert "retry-after" not in finished.headers  # final: nothing more to wait for

    imported = client.get(finished.json()["result"]).json()  # the final state links the result
    titles = [client.get(f"/v1/books/{book_id}").json()["title"] for book_id in imported["book_ids"]]
    assert titles == [b["title"] for b in BOOKS]


def test_a_failed_import_reports_a_problem_and_adds_nothing(client: TestClient) -> None:
    client.post("/v1/books", json=BOOKS[1], headers={"Idempotency-Key": "k"})
    monitor = client.post("/v1/book-imports", json={"books": BOOKS}).headers["location"]
    client.app.state.worker.run_pending()
    operation = client.get(monitor).json()
    assert operation["status"] == "failed" and operation["done"] is True and operation["result"] is None
    assert operation["error"]["type"] == PROBLEM_BASE + "duplicate-book"
    assert len(client.get("/v1/books").json()["items"]) == 1  # all or nothing


# --8<-- [end:operation_test]


def test_a_malformed_import_is_rejected_before_any_work_is_queued(client: TestClient) -> None:
    response = client.post("/v1/book-imports", json={"books": []})
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    assert not client.app.state.worker.queue


def test_an_unknown_operation_is_404(client: TestClient) -> None:
    assert client.get("/v1/operations/nope").json()["title"] == "Not Found"
    assert client.get("/v1/book-imports/nope").status_code == 404


def test_the_status_is_documented_as_an_open_set() -> None:
    status = create_app().openapi()["components"]["schemas"]["Operation"]["properties"]["status"]
    assert "enum" not in status  # a closed enum would make every new value a breaking change
    assert status["examples"] == ["running", "succeeded", "failed"]
    assert status["description"].startswith("[Extensible enum]")


# --8<-- [start:client_test]
def test_the_client_follows_location_and_honors_retry_after(client: TestClient) -> None:
    location = client.post("/v1/book-imports", json={"books": BOOKS}).headers["location"]
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # instead of sleeping, let the worker finish the job
        waits.append(seconds)
        client.app.state.worker.run_pending()

    outcome = wait_for_operation(client, location, sleep)
    assert outcome.succeeded and outcome.result and outcome.result.startswith("/v1/book-imports/")
    assert waits == [1.0]


class Scripted:
    """A status monitor from a later API version, which has learned two new status values."""

    def __init__(self, *operations: dict) -> None:
        self.responses = [httpx.Response(200, json=op, request=httpx.Request("GET", "/op")) for op in operations]

    def get(self, url: str) -> httpx.Response:
        return self.responses.pop(0)


def test_a_new_status_value_breaks_the_strict_client_but_not_the_tolerant_one() -> None:
    later = ({"status": "queued", "done": False}, {"status": "canceled", "done": True})
    with pytest.raises(ValueError, match="queued"):
        strict_is_finished(later[0])
    outcome = wait_for_operation(Scripted(*later), "/op", sleep=lambda _: None)
    assert not outcome.succeeded and outcome.status == "canceled"  # reported as not succeeded, not a crash


# --8<-- [end:client_test]


def test_the_strict_client_works_until_the_api_changes() -> None:
    assert strict_is_finished({"status": "running"}) is False
    assert strict_is_finished({"status": "failed"}) is True


def test_retry_after_takes_seconds_or_a_date_and_is_capped() -> None:
    assert retry_after_seconds("2") == 2.0
    assert retry_after_seconds("86400") == 60.0
    assert retry_after_seconds(None) == retry_after_seconds("soon") == 1.0
    in_ten = format_datetime(datetime.now(UTC) + timedelta(seconds=10), usegmt=True)
    assert 8.0 <= retry_after_seconds(in_ten) <= 10.0


def test_a_client_gives_up_after_max_polls() -> None:
    with pytest.raises(TimeoutError):
        wait_for_operation(Scripted(*[{"status": "running", "done": False}] * 3), "/op", lambda _: None, max_polls=3)
