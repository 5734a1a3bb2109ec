"""Acceptance check: the app implements exactly the agreed contract, which now includes updateTask, and its
responses (success and errors) match the contract's schemas and media types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from examples.apis.openapi_contract import contract_check as cc
from exercises import load_module

AGREED_CHANGE = """
paths:
  /v1/tasks/{task_id}:
    patch:
      operationId: updateTask
      summary: Change a task's title or mark it done
      parameters:
        - {name: task_id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/TaskChanges"}
      responses:
        "200":
          description: The task after the change
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Task"}
        "404":
          description: No such task
          content:
            application/problem+json:
              schema: {$ref: "#/components/schemas/Problem"}
        "422": {$ref: "#/components/responses/Invalid"}
components:
  schemas:
    TaskChanges:
      type: object
      additionalProperties: false
      minProperties: 1
      properties:
        title: {type: string, minLength: 1, maxLength: 120}
        done: {type: boolean}
"""


@pytest.fixture(scope="module")
def contract() -> dict[str, Any]:
    spec = cc.load_contract()
    change = yaml.safe_load(AGREED_CHANGE)
    spec["paths"]["/v1/tasks/{task_id}"] |= change["paths"]["/v1/tasks/{task_id}"]
    spec["components"]["schemas"] |= change["components"]["schemas"]
    return spec


def app_of(answer: Path) -> Any:
    return load_module(answer).create_app()


def with_task(answer: Path) -> TestClient:
    client = TestClient(app_of(answer))
    assert client.post("/v1/tasks", json={"title": "Write the contract"}).status_code == 201
    return client


def test_the_app_implements_exactly_the_contracted_operations(answer: Path, contract: dict[str, Any]) -> None:
    promised = cc.operations(contract)
    generated = cc.operations(app_of(answer).openapi())
    assert generated.keys() - promised.keys() == set(), "the app has operations nobody agreed to"
    assert promised.keys() - generated.keys() == set(), "the app is missing contracted operations"
    for operation, codes in promised.items():
        assert codes <= generated[operation], f"{operation} does not document {codes - generated[operation]}"


def test_responses_are_documented_with_the_contracted_media_types(answer: Path, contract: dict[str, Any]) -> None:
    generated = cc.media_types(app_of(answer).openapi())
    for response, types in cc.media_types(contract).items():
        assert generated.get(response) == types, f"{response}: the contract says {types}"


def test_marking_a_task_done(answer: Path, contract: dict[str, Any]) -> None:
    client = with_task(answer)
    response = client.patch("/v1/tasks/1", json={"done": True})
    assert response.status_code == 200, response.text
    assert cc.validate(contract, "Task", response.json(), closed=True) == []
    assert response.json() == {"id": 1, "title": "Write the contract", "done": True}
    assert client.get("/v1/tasks/1").json()["done"] is True


def test_renaming_a_task_keeps_it_open(answer: Path) -> None:
    client = with_task(answer)
    response = client.patch("/v1/tasks/1", json={"title": "Review the contract"})
    assert response.status_code == 200, response.text
    assert response.json() == {"id": 1, "title": "Review the contract", "done": False}


def test_a_missing_task_is_a_problem_json_404(answer: Path, contract: dict[str, Any]) -> None:
    response = with_task(answer).patch("/v1/tasks/99", json={"done": True})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert cc.validate(contract, "Problem", response.json(), closed=True) == []
    assert response.json()["title"] == "Not Found"


def test_changes_the_contract_forbids_are_a_problem_json_422(answer: Path, contract: dict[str, Any]) -> None:
    client = with_task(answer)
    forbidden = {
        "an empty object (minProperties: 1)": {},
        "a non-boolean done": {"done": "yes"},
        "a null title (the type is string)": {"title": None},
        "an empty title": {"title": ""},
        "a member the contract does not list": {"done": True, "owner": "me"},
    }
    for what, body in forbidden.items():
        response = client.patch("/v1/tasks/1", json=body)
        assert response.status_code == 422, f"{what}: got {response.status_code}"
        assert response.headers["content-type"] == "application/problem+json", what
        assert cc.validate(contract, "ValidationProblem", response.json(), closed=True) == [], what
    assert client.get("/v1/tasks/1").json() == {"id": 1, "title": "Write the contract", "done": False}


@pytest.mark.starter_passes
def test_the_existing_operations_still_work(answer: Path, contract: dict[str, Any]) -> None:
    client = with_task(answer)
    assert cc.validate(contract, "Task", client.get("/v1/tasks/1").json(), closed=True) == []
    assert [task["id"] for task in client.get("/v1/tasks", params={"done": "false"}).json()] == [1]
