"""Acceptance check: the smoke collection passes against the real API, every request in it targets a documented
operation, and it fails against each of three broken builds that accept what the contract forbids in a new task.

The exercise: the starter is the lesson's Postman collection. Symptom: a release that dropped the validation of
new tasks (empty titles, 500-character titles and unknown members were all stored) passed the smoke run, because
the collection only ever sends a valid task. Add requests that probe the contract's limits, so the collection
fails on a build like that.
"""

# No `from __future__ import annotations`: FastAPI must resolve the local LooseTask model at runtime.

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field

from examples.apis.openapi_contract import contract_check as cc
from examples.apis.openapi_contract.app import TaskNotFound, problem
from examples.apis.openapi_contract.app import create_app as real_app


def collection(answer: Path) -> dict[str, Any]:
    return json.loads(answer.read_text(encoding="utf-8"))


def broken_build(*, min_length: int = 1, max_length: int = 120, extra: str = "forbid") -> FastAPI:
    """The Tasks API with one validation rule loosened, the way a careless refactoring would."""

    class LooseTask(BaseModel):
        model_config = ConfigDict(extra=extra)  # type: ignore[typeddict-item]
        title: str = Field(min_length=min_length, max_length=max_length)

    app = FastAPI()
    tasks: dict[int, dict[str, Any]] = {}  # plain dicts: the broken build validates nothing on the way out either
    ids = itertools.count(1)

    @app.exception_handler(TaskNotFound)
    async def not_found(request: Any, exc: TaskNotFound) -> Any:
        return problem(404, f"There is no task {exc.task_id}.")

    @app.get("/v1/tasks")
    def list_tasks(done: bool | None = None) -> Any:
        return [t for t in tasks.values() if done is None or t["done"] == done]

    @app.post("/v1/tasks", status_code=201)
    def create_task(body: LooseTask) -> Any:
        task = {"id": next(ids), "title": body.title, "done": False}
        tasks[task["id"]] = task
        return task

    @app.get("/v1/tasks/{task_id}")
    def get_task(task_id: int) -> Any:
        if task_id not in tasks:
            raise TaskNotFound(task_id)
        return tasks[task_id]

    return app


BROKEN = {
    "accepts an empty title": {"min_length": 0},
    "accepts a title longer than 120 characters": {"max_length": 10_000},
    "accepts members the contract does not list": {"extra": "allow"},
}


@pytest.mark.starter_passes
def test_the_collection_passes_against_the_real_api(answer: Path) -> None:
    results = cc.run_postman_collection(collection(answer), TestClient(real_app()))
    assert len(results) >= 4, "keep the four smoke requests the collection started with"


@pytest.mark.starter_passes
def test_every_request_targets_a_documented_operation(answer: Path) -> None:
    documented = cc.operations(real_app().openapi())
    for request in cc.postman_requests(collection(answer)):
        concrete = request["path"].replace("{{taskId}}", "1")
        assert any(
            method == request["method"] and cc.template_matches(template, concrete) for method, template in documented
        ), f"Postman request {request['name']!r} is not a documented operation"


@pytest.mark.parametrize("bug", BROKEN)
def test_the_collection_catches_a_build_that(answer: Path, bug: str) -> None:
    broken = TestClient(broken_build(**BROKEN[bug]))
    try:
        cc.run_postman_collection(collection(answer), broken)
    except AssertionError as failure:
        assert "expected" in str(failure)  # a status check in the collection failed, as it should
    else:
        pytest.fail(f"the collection passed against a build that {bug}; add a request that would notice")
