"""Long-running work behind 202 Accepted: a bulk import, and the operation resource a client polls for its outcome.

POST /v1/book-imports        -> 202 Accepted, Location: /v1/operations/{id}, Retry-After: 1
GET  /v1/operations/{id}     -> 200 {"status": "running", "done": false}, Retry-After: 1
                             -> 200 {"status": "succeeded", "done": true, "result": "/v1/book-imports/{id}"}
                             -> 200 {"status": "failed", "done": true, "error": {problem details}}
GET  /v1/book-imports/{id}   -> 200 {"id": ..., "book_ids": [...]}
"""

from __future__ import annotations

import uuid
from collections import deque
from typing import Any

from fastapi import FastAPI, Response, status
from pydantic import BaseModel, ConfigDict, Field

from examples.apis.rest_design.models import BookIn, BookStore
from examples.apis.rest_design.problems import PROBLEM_TYPES, Problem

RETRY_AFTER_SECONDS = 1  # how long a client should wait before polling again


class ImportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    books: list[BookIn] = Field(min_length=1, max_length=1000)


# --8<-- [start:operation]
OPERATION_STATUSES = ["running", "succeeded", "failed"]  # today's values; more may come


class Operation(BaseModel):
    id: str
    # Documented as an open set (Zalando's "extensible enum": `examples` plus a note), not a closed JSON Schema
    # `enum`, so that adding "canceled" later does not break clients generated from the OpenAPI document.
    status: str = Field(
        examples=OPERATION_STATUSES,
        description="[Extensible enum](https://opensource.zalando.com/restful-api-guidelines/#112). Expect values"
        " not listed here; use `done` to decide whether to poll again.",
    )
    done: bool = Field(description="True once the operation has finished, whatever the status says.")
    result: str | None = Field(default=None, description="Link to the outcome, once the status is succeeded.")
    error: dict[str, Any] | None = Field(default=None, description="A problem details object, once it failed.")


# --8<-- [end:operation]


class ImportResult(BaseModel):
    id: str
    book_ids: list[int]


class ImportWorker:
    """Runs queued imports. In production this is a queue consumer in another process; here tests call
    `run_pending()`, so each state a client can observe is reached deterministically, without sleeping."""

    def __init__(self, store: BookStore) -> None:
        self.store = store
        self.operations: dict[str, Operation] = {}
        self.results: dict[str, ImportResult] = {}
        self.queue: deque[tuple[str, ImportRequest]] = deque()

    def submit(self, request: ImportRequest) -> Operation:
        operation = Operation(id=uuid.uuid4().hex, status="running", done=False)
        self.operations[operation.id] = operation
        self.queue.append((operation.id, request))
        return operation

    def run_pending(self) -> None:
        while self.queue:
            operation_id, request = self.queue.popleft()
            self.operations[operation_id] = self._run(operation_id, request)

    def _run(self, operation_id: str, request: ImportRequest) -> Operation:
        # All or nothing: check every book before adding any, so a failed import leaves the catalog untouched.
        known = {(b.title, b.author, b.year) for b in self.store.books.values()}
        for book in request.books:
            key = (book.title, book.author, book.year)
            if key in known:
                kind = PROBLEM_TYPES["duplicate-book"]
                detail = f"{book.title!r} by {book.author} ({book.year}) is already in the catalog or this import."
                # No `status` member: no HTTP response carries this failure, the operation resource does.
                error = {"type": kind.uri, "title": kind.title, "detail": detail}
                return Operation(id=operation_id, status="failed", done=True, error=error)
            known.add(key)
        ids = [self.store.add(book).id for book in request.books]
        self.results[operation_id] = ImportResult(id=operation_id, book_ids=ids)
        return Operation(id=operation_id, status="succeeded", done=True, result=f"/v1/book-imports/{operation_id}")


# --8<-- [start:routes]
def install_imports(app: FastAPI, store: BookStore) -> None:
    worker = app.state.worker = ImportWorker(store)

    @app.post("/v1/book-imports", status_code=status.HTTP_202_ACCEPTED, response_model=Operation)
    def start_import(body: ImportRequest, response: Response) -> Operation:
        # Validation happens now, synchronously: a malformed import gets its 422 before any work is queued.
        operation = worker.submit(body)
        response.headers["Location"] = f"/v1/operations/{operation.id}"
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return operation

    @app.get("/v1/operations/{operation_id}", response_model=Operation)
    def get_operation(operation_id: str, response: Response) -> Operation:
        if operation_id not in worker.operations:
            raise Problem(404, f"There is no operation {operation_id}.")
        operation = worker.operations[operation_id]
        if not operation.done:
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return operation

    @app.get("/v1/book-imports/{import_id}", response_model=ImportResult)
    def get_import(import_id: str) -> ImportResult:
        if import_id not in worker.results:
            raise Problem(404, f"There is no finished import {import_id}.")
        return worker.results[import_id]


# --8<-- [end:routes]
