"""Errors as RFC 9457 problem details: one registry of problem types, one exception, one set of handlers.

A problem either has a documented type of its own (a URI from `PROBLEM_TYPES`, with that type's fixed title) or
none beyond its status code (`about:blank`, whose title is then the status code's standard phrase).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("books.problems")


# --8<-- [start:types]
# The type URIs are identifiers first. They need not resolve, but they are stable, under a domain the API owner
# controls, and each one is documented (in production, that URL serves the page explaining the problem).
PROBLEM_BASE = "https://books.example.com/problems/"


@dataclass(frozen=True)
class ProblemType:
    slug: str
    title: str  # fixed per type: RFC 9457 says it must not change between occurrences
    status: int  # the status code this type is used with
    meaning: str  # what happened and what the client should do: the documentation the URI names

    @property
    def uri(self) -> str:
        return PROBLEM_BASE + self.slug


PROBLEM_TYPES = {
    t.slug: t
    for t in (
        ProblemType(
            "validation-failed",
            "Request content failed validation",
            422,
            "One or more fields are invalid; `errors` lists each one with its location.",
        ),
        ProblemType(
            "invalid-cursor",
            "Invalid pagination cursor",
            400,
            "The cursor was not issued by this API for this query; start again from the first page.",
        ),
        ProblemType(
            "idempotency-key-missing",
            "Idempotency-Key header required",
            400,
            "Send a unique Idempotency-Key with every POST that creates something, and reuse it on retries.",
        ),
        ProblemType(
            "idempotency-key-reused",
            "Idempotency-Key reused with a different request",
            422,
            "A key names one operation; send a new key for a request with a different body.",
        ),
        ProblemType(
            "id-mismatch",
            "Body id does not match the URI",
            409,
            "The id is read-only: leave it out of the body, or send the one from the URI.",
        ),
        ProblemType(
            "duplicate-book",
            "Book already in the catalog",
            409,
            "An import that repeats a book (title, author and year) fails as a whole; import only new books.",
        ),
    )
}
# --8<-- [end:types]

# RFC 9110 renamed a few status phrases that Python's http module still spells the RFC 7231 way.
_RFC_9110_PHRASES = {413: "Content Too Large", 416: "Range Not Satisfiable", 422: "Unprocessable Content"}


def status_phrase(status: int) -> str:
    return _RFC_9110_PHRASES.get(status) or HTTPStatus(status).phrase


# --8<-- [start:problem]
class Problem(Exception):
    """An error reported as problem details: a documented type, or a bare status code (`about:blank`)."""

    def __init__(self, kind: ProblemType | int, detail: str, headers: dict[str, str] | None = None, **extra: Any):
        super().__init__(detail)
        if isinstance(kind, ProblemType):
            self.type, self.title, self.status = kind.uri, kind.title, kind.status
        else:  # about:blank adds nothing to the status code, so its title is the code's own phrase
            self.type, self.title, self.status = "about:blank", status_phrase(kind), kind
        self.detail, self.headers, self.extra = detail, headers, extra


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    # `instance` identifies this occurrence. A urn:uuid does that without being fetchable; the same id goes to the
    # log, so support can find the server-side details that the response deliberately leaves out.
    instance = f"urn:uuid:{uuid.uuid4()}"
    log.info("problem %s: %s %s %s %s", instance, problem.status, problem.type, request.method, request.url.path)
    body = {
        "type": problem.type,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": instance,
        **problem.extra,  # extension members, e.g. the list of invalid fields
    }
    return JSONResponse(body, status_code=problem.status, media_type=PROBLEM_JSON, headers=problem.headers)


def validation_problem(errors: list[dict[str, Any]]) -> Problem:
    invalid = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in errors]
    return Problem(PROBLEM_TYPES["validation-failed"], f"{len(invalid)} field(s) failed validation", errors=invalid)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(request, validation_problem(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Unknown routes (404) and wrong methods (405) get the same shape as our own errors.
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(request, Problem(exc.status_code, str(exc.detail), headers))


def allowed_methods(request: Request) -> str:
    """Every method the target resource supports. Starlette's own Allow lists only the first route that matched
    the path, so `GET` and `POST` on one path, declared as two routes, would be reported as `GET` alone."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, APIRoute) and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods
    return ", ".join(sorted(methods))


# --8<-- [end:problem]
