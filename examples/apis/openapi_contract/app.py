"""The Tasks API, implemented after `contract.yaml` was agreed.

FastAPI generates its own OpenAPI 3.1 document from these routes and models (served at
`/openapi.json`, with Swagger UI at `/docs`). The tests compare that document and the live
responses with the contract.
"""

from __future__ import annotations

import itertools
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

PROBLEM_JSON = "application/problem+json"
# RFC 9457 section 4.2.1: with type about:blank, the title is the status phrase of RFC 9110 (section 15).
# Spelled out rather than taken from http.HTTPStatus, whose 422 phrase depends on the Python version.
STATUS_PHRASES = {404: "Not Found", 422: "Unprocessable Content"}


class NewTask(BaseModel):
    model_config = ConfigDict(extra="forbid")  # input: an unknown field is a client bug, so say so
    title: str = Field(min_length=1, max_length=120)


class Task(BaseModel):
    # Output: no extra="forbid", so the generated schema stays open and clients tolerate fields added later.
    id: int = Field(ge=1)
    title: str = Field(min_length=1, max_length=120)
    done: bool  # always sent, so no default: the generated schema then lists it as required


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None


class InvalidField(BaseModel):
    field: str  # where the error is: "body.title", "query.done", "path.task_id"
    detail: str


class ValidationProblem(Problem):
    errors: list[InvalidField]  # an extension member (RFC 9457 section 3.2)


class TaskNotFound(Exception):
    def __init__(self, task_id: int) -> None:
        self.task_id = task_id


def problem(status_code: int, detail: str, **extensions: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": STATUS_PHRASES[status_code], "status": status_code, "detail": detail}
    return JSONResponse(body | extensions, status_code=status_code, media_type=PROBLEM_JSON)


# --8<-- [start:routes]
def create_app() -> FastAPI:
    app = FastAPI(title="Tasks API", version="1.0.0")
    tasks: dict[int, Task] = {}
    app.state.tasks = tasks
    ids = itertools.count(1)  # only moves forward: len(tasks) + 1 would reuse an id once a task is removed
    invalid = {422: {"model": ValidationProblem, "description": "The request is invalid"}}

    @app.exception_handler(TaskNotFound)
    async def not_found(request: Request, exc: TaskNotFound) -> JSONResponse:
        return problem(404, f"There is no task {exc.task_id}.")

    @app.exception_handler(RequestValidationError)
    async def unprocessable(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"field": ".".join(map(str, e["loc"])), "detail": e["msg"]} for e in exc.errors()]
        return problem(422, "The request does not match the contract.", errors=errors)

    @app.get("/v1/tasks", operation_id="listTasks", summary="List tasks, newest last", responses=invalid)
    def list_tasks(done: bool | None = None) -> list[Task]:
        return [t for t in tasks.values() if done is None or t.done == done]

    @app.post(
        "/v1/tasks",
        operation_id="createTask",
        summary="Create a task",
        status_code=status.HTTP_201_CREATED,
        responses=invalid,
    )
    def create_task(body: NewTask) -> Task:
        task = Task(id=next(ids), title=body.title, done=False)
        tasks[task.id] = task
        return task

    @app.get(
        "/v1/tasks/{task_id}",
        operation_id="getTask",
        summary="One task",
        responses={404: {"model": Problem, "description": "No such task"}} | invalid,
    )
    def get_task(task_id: int) -> Task:
        if task_id not in tasks:
            raise TaskNotFound(task_id)
        return tasks[task_id]

    app.openapi = lambda: document_problems(app)  # type: ignore[method-assign]
    return app


def document_problems(app: FastAPI) -> dict[str, Any]:
    """FastAPI documents a response `model` as application/json; these errors are sent as
    application/problem+json, so the generated document must say so (FastAPI's "Extending OpenAPI")."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
        for item in schema["paths"].values():
            for operation in item.values():
                for code, response in operation["responses"].items():
                    content = response.get("content", {})
                    if code.startswith("4") and "application/json" in content:
                        response["content"] = {PROBLEM_JSON: content["application/json"]}
        app.openapi_schema = schema
    return app.openapi_schema


# --8<-- [end:routes]
