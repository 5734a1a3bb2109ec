"""The Tasks API, implemented after `contract.yaml` was agreed.

FastAPI generates its own OpenAPI 3.1 document from these routes and models (served at
`/openapi.json`, with Swagger UI at `/docs`). The tests compare that document and the live
responses with the contract.
"""

from __future__ import annotations

import itertools

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field


class NewTask(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=120)


class Task(NewTask):
    id: int = Field(ge=1)
    done: bool = False


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None


class TaskNotFound(Exception):
    def __init__(self, task_id: int) -> None:
        self.task_id = task_id


# --8<-- [start:routes]
def create_app() -> FastAPI:
    app = FastAPI(title="Tasks API", version="1.0.0")
    tasks: dict[int, Task] = {}
    app.state.tasks = tasks
    ids = itertools.count(1)  # only moves forward: len(tasks) + 1 would reuse an id once a task is removed

    @app.exception_handler(TaskNotFound)
    async def not_found(request: Request, exc: TaskNotFound) -> JSONResponse:
        body = Problem(title="Not found", status=404, detail=f"There is no task {exc.task_id}.")
        return JSONResponse(body.model_dump(), status_code=404, media_type="application/problem+json")

    @app.get("/v1/tasks", operation_id="listTasks", summary="List tasks, newest last")
    def list_tasks(done: bool | None = None) -> list[Task]:
        return [t for t in tasks.values() if done is None or t.done == done]

    @app.post("/v1/tasks", operation_id="createTask", summary="Create a task", status_code=status.HTTP_201_CREATED)
    def create_task(body: NewTask) -> Task:
        task = Task(id=next(ids), title=body.title)
        tasks[task.id] = task
        return task

    @app.get(
        "/v1/tasks/{task_id}",
        operation_id="getTask",
        summary="One task",
        responses={404: {"model": Problem, "description": "No such task", "content": {"application/problem+json": {}}}},
    )
    def get_task(task_id: int) -> Task:
        if task_id not in tasks:
            raise TaskNotFound(task_id)
        return tasks[task_id]

    return app


# --8<-- [end:routes]
