"""The Python versions of the items API: FastAPI and bare WSGI run; the Django views compile."""

from __future__ import annotations

import asyncio
import io
import json
import py_compile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from examples.languages.python_items import concurrency, wsgi_app
from examples.languages.python_items.fastapi_app import app

HERE = Path(__file__).parent


def test_fastapi_returns_an_item_as_json() -> None:
    response = TestClient(app).get("/items/1")
    assert response.status_code == 200
    assert response.json() == {"id": 1, "name": "Keyboard", "price_cents": 4999}


def test_fastapi_unknown_item_is_a_problem_document() -> None:
    response = TestClient(app).get("/items/999")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "No item with id 999"


def test_fastapi_rejects_a_non_integer_id_before_the_handler_runs() -> None:
    # The type hint `item_id: int` is the validation: pydantic answers 422 without calling get_item.
    response = TestClient(app).get("/items/abc")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["loc"] == ["path", "item_id"]


def test_the_return_type_keeps_internal_fields_out_of_the_response() -> None:
    # get_item returns a StoredItem; the declared return type Item is what gets serialized.
    body = TestClient(app).get("/items/2").json()
    assert "supplier_cost_cents" not in body
    assert body == {"id": 2, "name": "Mouse", "price_cents": 1999}


def test_errors_the_router_raises_are_problem_documents_too() -> None:
    # An unknown path and a wrong method are raised by Starlette's router, not by our handler.
    client = TestClient(app)
    for response, status in ((client.get("/no-such-route"), 404), (client.delete("/items/1"), 405)):
        assert response.status_code == status
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == status


def test_fastapi_publishes_an_openapi_schema_from_the_type_hints() -> None:
    schema = TestClient(app).get("/openapi.json").json()
    assert set(schema["components"]["schemas"]["Item"]["properties"]) == {"id", "name", "price_cents"}


def _call_wsgi(path: str) -> tuple[str, dict[str, str], Any]:
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured["status"], captured["headers"] = status, dict(headers)

    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO()}
    body = b"".join(wsgi_app.application(environ, start_response))
    return captured["status"], captured["headers"], json.loads(body)


def test_wsgi_app_serves_items_and_problems() -> None:
    assert _call_wsgi("/items/2")[2] == {"id": 2, "name": "Mouse", "price_cents": 1999}
    status, headers, problem = _call_wsgi("/items/999")
    assert status == "404 Not Found"
    assert headers["Content-Type"] == "application/problem+json"
    assert problem["detail"] == "No item with id 999"


def test_django_views_compile() -> None:
    py_compile.compile(str(HERE / "django_items.py"), doraise=True, cfile=None)


# --8<-- [start:timing]
def test_awaiting_lets_ten_requests_overlap() -> None:
    elapsed = asyncio.run(concurrency.serve_concurrently(10, concurrency.well_behaved_handler))
    assert elapsed < 1.0  # ten 0.2 s waits overlap: about 0.2 s in total


def test_a_blocking_call_serialises_every_request_on_the_loop() -> None:
    elapsed = asyncio.run(concurrency.serve_concurrently(10, concurrency.blocking_handler))
    assert elapsed >= 2.0  # ten 0.2 s sleeps run one after another


def test_offloading_to_a_thread_restores_concurrency() -> None:
    elapsed = asyncio.run(concurrency.serve_concurrently(10, concurrency.offloaded_handler))
    assert elapsed < 1.0


# --8<-- [end:timing]
