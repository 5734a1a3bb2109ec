"""Exercise: the mobile team built against the contract, and the backend built something else.

Symptom: the team merged a contract change two weeks ago: `PATCH /v1/tasks/{task_id}` with a JSON body of the
fields to change (`title`, `done`), answering 200 with the task, a problem+json 404 and a problem+json 422. The
mobile app was built against a mock server generated from that contract. On integration day every "mark done" tap
fails with 405 Method Not Allowed: the backend shipped `POST /v1/tasks/{task_id}/done` instead, because it was
quicker to write.

Diagnose it with the check (`make exercise ID=apis/openapi_testing/contract_first_patch`), which holds the agreed
contract. Implement the operation the contract describes, exactly, and nothing it does not.
"""

from __future__ import annotations

from fastapi import FastAPI

from examples.apis.openapi_contract.app import Task, TaskNotFound
from examples.apis.openapi_contract.app import create_app as create_tasks_app


def create_app() -> FastAPI:
    app = create_tasks_app()  # listTasks, createTask and getTask, as in the lesson
    tasks: dict[int, Task] = app.state.tasks

    @app.post("/v1/tasks/{task_id}/done", operation_id="completeTask", summary="Mark a task done")
    def complete_task(task_id: int) -> Task:
        if task_id not in tasks:
            raise TaskNotFound(task_id)
        tasks[task_id] = tasks[task_id].model_copy(update={"done": True})
        return tasks[task_id]

    return app
