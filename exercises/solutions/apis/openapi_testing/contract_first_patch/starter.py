"""A reference solution: updateTask exactly as the contract describes it. The request model mirrors TaskChanges
(closed, at least one member, no nulls), and the responses reuse the lesson's problem+json errors."""

from __future__ import annotations

from typing import Self

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field, model_validator

from examples.apis.openapi_contract.app import Problem, Task, TaskNotFound, ValidationProblem
from examples.apis.openapi_contract.app import create_app as create_tasks_app


class TaskChanges(BaseModel):
    # additionalProperties: false and minProperties: 1, in the model and in the generated schema
    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    # Optional but not nullable: the default applies only when the member is absent, so an explicit
    # null still fails the str type, as the contract's {type: string} requires.
    title: str = Field(default=None, min_length=1, max_length=120)  # type: ignore[assignment]
    # strict: JSON "yes" or 1 is not a boolean (Pydantic's lax mode would turn "yes" into True).
    done: bool = Field(default=None, strict=True)  # type: ignore[assignment]

    @model_validator(mode="after")
    def not_empty(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("send at least one of title, done")
        return self


def create_app() -> FastAPI:
    app = create_tasks_app()
    tasks: dict[int, Task] = app.state.tasks

    @app.patch(
        "/v1/tasks/{task_id}",
        operation_id="updateTask",
        summary="Change a task's title or mark it done",
        responses={
            404: {"model": Problem, "description": "No such task"},
            422: {"model": ValidationProblem, "description": "The request is invalid"},
        },
    )
    def update_task(task_id: int, changes: TaskChanges) -> Task:
        if task_id not in tasks:
            raise TaskNotFound(task_id)
        # Only the members the client sent change; the rest of the task stays as it was.
        tasks[task_id] = tasks[task_id].model_copy(update=changes.model_dump(exclude_unset=True))
        return tasks[task_id]

    return app
