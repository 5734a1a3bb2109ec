"""The tasks API: accounts, tokens, and each user's tasks, with the behavior capstones/tasks_api/openapi.yaml states."""

from __future__ import annotations

import hashlib
import json
import logging
import math
from typing import Annotated, Any

import psycopg
from credentials import DUMMY_HASH, TokenSigner, hash_password, verify_password
from database import Pool
from fastapi import Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from models import Credentials, NewTask, TaskChanges
from paging import decode_cursor, encode_cursor, next_link
from problems import ProblemError, problem
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("tasks-api")
MAX_BIGINT = 2**63 - 1
LOGIN_WINDOW_S = 60
LOGIN_FAILURES_ALLOWED = 5
TASK_COLUMNS = "id, title, notes, done, version, created_at, updated_at"


def task_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "notes": row["notes"],
        "done": row["done"],
        "version": row["version"],
        "created_at": row["created_at"].isoformat(),
        "updated_at": row["updated_at"].isoformat(),
    }


def etag(version: int) -> str:
    return f'"{version}"'


def if_match_allows(if_match: str, version: int) -> bool:
    """RFC 9110 If-Match: `*` or a list of entity tags, compared strongly (a weak W/ tag never matches)."""
    tags = {tag.strip() for tag in if_match.split(",")}
    return "*" in tags or etag(version) in tags


def task_id_from_path(raw: str) -> int:
    # Ids are positive bigints; anything else names no task (and must not reach the database as an overflow).
    if not raw.isdigit() or not 0 < int(raw) <= MAX_BIGINT:
        raise ProblemError(404, "No such task.")
    return int(raw)


def current_user(request: Request, authorization: Annotated[str | None, Header()] = None) -> int:
    """The caller's user id from a genuine bearer token; 401 with a Bearer challenge otherwise (RFC 6750)."""
    challenge = 'Bearer realm="tasks"'
    if not authorization:
        raise ProblemError(401, "Send a bearer token.", {"WWW-Authenticate": challenge})
    scheme, _, token = authorization.partition(" ")
    signer: TokenSigner = request.app.state.signer
    user_id = signer.verify(token.strip()) if scheme.lower() == "bearer" else None
    if user_id is None:
        invalid = f'{challenge}, error="invalid_token"'
        raise ProblemError(401, "The token is invalid or has expired.", {"WWW-Authenticate": invalid})
    return user_id


User = Annotated[int, Depends(current_user)]


def create_app(pool: Pool, signer: TokenSigner) -> FastAPI:
    app = FastAPI(title="Tasks API", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.signer = signer

    # --- errors: every one is RFC 9457 problem details -------------------------------------------------

    @app.exception_handler(ProblemError)
    def on_problem(request: Request, error: ProblemError) -> JSONResponse:
        return problem(error.status, error.detail, error.headers)

    @app.exception_handler(RequestValidationError)
    def on_invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        issues = error.errors()
        if any(issue["type"] == "json_invalid" for issue in issues):
            return problem(400, "The body is not valid JSON.")
        fields = [
            {"field": ".".join(str(part) for part in issue["loc"][1:]) or "body", "message": issue["msg"]}
            for issue in issues
        ]
        return problem(422, "The request has invalid fields.", errors=fields)

    @app.exception_handler(StarletteHTTPException)
    def on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return problem(error.status_code, None, dict(error.headers) if error.headers else None)

    @app.exception_handler(Exception)
    def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        # The details go to the log, never to the client: a stack trace tells an attacker too much.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "Something went wrong on our side.")

    @app.get("/health")
    def health() -> dict[str, str]:
        with pool.connection() as conn:
            conn.execute("SELECT 1")
        return {"status": "ok"}

    @app.post("/users", status_code=201)
    def register(body: Credentials, response: Response) -> dict[str, Any]:
        password_hash = hash_password(body.password)
        with pool.connection() as conn:
            try:
                row = conn.execute(
                    "INSERT INTO users (username, password_hash) VALUES (%s, %s) RETURNING id, username",
                    (body.username, password_hash),
                ).fetchone()
            except psycopg.errors.UniqueViolation as error:
                raise ProblemError(409, "That username is taken.") from error
        response.headers["Location"] = f"/users/{row['id']}"
        return {"id": row["id"], "username": row["username"]}

    @app.post("/tokens", status_code=201)
    def login(body: Credentials) -> dict[str, Any]:
        with pool.connection() as conn, conn.transaction():
            # One login at a time per username, so parallel guesses cannot all slip under the limit.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (body.username,))
            window = conn.execute(
                "SELECT count(*) AS failures, "
                "extract(epoch FROM min(failed_at) + make_interval(secs => %s) - now()) AS wait "
                "FROM login_failures WHERE username = %s AND failed_at > now() - make_interval(secs => %s)",
                (LOGIN_WINDOW_S, body.username, LOGIN_WINDOW_S),
            ).fetchone()
            if window["failures"] >= LOGIN_FAILURES_ALLOWED:
                retry_after = str(max(1, math.ceil(window["wait"])))
                raise ProblemError(
                    429, "Too many failed logins; wait before trying again.", {"Retry-After": retry_after}
                )
            user = conn.execute("SELECT id, password_hash FROM users WHERE username = %s", (body.username,)).fetchone()
            if not verify_password(body.password, user["password_hash"] if user else DUMMY_HASH) or user is None:
                conn.execute("INSERT INTO login_failures (username) VALUES (%s)", (body.username,))
                return problem(401, "Wrong username or password.")
        return {"access_token": signer.issue(user["id"]), "token_type": "Bearer", "expires_in": 3600}

    # --- tasks -----------------------------------------------------------------------------------------

    @app.post("/tasks", status_code=201)
    def create_task(body: NewTask, user_id: User, idempotency_key: Annotated[str | None, Header()] = None) -> Response:
        if idempotency_key is not None and not 1 <= len(idempotency_key) <= 255:
            raise ProblemError(422, "Idempotency-Key must be 1 to 255 characters.")
        fingerprint = hashlib.sha256(body.model_dump_json().encode()).hexdigest()
        with pool.connection() as conn, conn.transaction():
            if idempotency_key is not None:
                # Serialize requests with the same key: the second waits, then replays the first's response.
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{user_id}:{idempotency_key}",))
                earlier = conn.execute(
                    "SELECT request_hash, status, body, location FROM idempotency_keys "
                    "WHERE owner_id = %s AND key = %s",
                    (user_id, idempotency_key),
                ).fetchone()
                if earlier is not None:
                    if earlier["request_hash"] != fingerprint:
                        raise ProblemError(422, "This Idempotency-Key was used with a different request body.")
                    version = json.loads(earlier["body"])["version"]
                    return Response(
                        earlier["body"],
                        status_code=earlier["status"],
                        media_type="application/json",
                        headers={"Location": earlier["location"], "ETag": etag(version)},
                    )
            row = conn.execute(
                f"INSERT INTO tasks (owner_id, title, notes, done) VALUES (%s, %s, %s, %s) RETURNING {TASK_COLUMNS}",  # noqa: S608 - a constant column list
                (user_id, body.title, body.notes, body.done),
            ).fetchone()
            content = json.dumps(task_json(row))
            location = f"/tasks/{row['id']}"
            if idempotency_key is not None:
                conn.execute(
                    "INSERT INTO idempotency_keys (owner_id, key, request_hash, status, body, location) "
                    "VALUES (%s, %s, %s, 201, %s, %s)",
                    (user_id, idempotency_key, fingerprint, content, location),
                )
        return Response(
            content,
            status_code=201,
            media_type="application/json",
            headers={"Location": location, "ETag": etag(row["version"])},
        )

    @app.get("/tasks")
    def list_tasks(
        request: Request,
        user_id: User,
        limit: str = "20",
        cursor: str | None = None,
        q: str | None = None,
        done: str | None = None,
    ) -> Response:
        if not limit.isdigit() or not 1 <= int(limit) <= 100:
            raise ProblemError(422, "limit must be a whole number from 1 to 100.")
        if done not in (None, "true", "false"):
            raise ProblemError(422, "done must be true or false.")
        after = decode_cursor(cursor) if cursor else 0
        conditions = ["owner_id = %s", "id > %s"]
        params: list[Any] = [user_id, after]
        if q:
            conditions.append("position(lower(%s) in lower(title)) > 0")
            params.append(q)
        if done is not None:
            conditions.append("done = %s")
            params.append(done == "true")
        params.append(int(limit) + 1)
        with pool.connection() as conn:
            rows = conn.execute(
                f"SELECT {TASK_COLUMNS} FROM tasks WHERE {' AND '.join(conditions)} ORDER BY id LIMIT %s",  # noqa: S608 - fixed fragments; values are parameters
                params,
            ).fetchall()
        page = rows[: int(limit)]
        headers = {}
        if len(rows) > int(limit):
            headers["Link"] = next_link(request.url, encode_cursor(page[-1]["id"]))
        return JSONResponse({"items": [task_json(row) for row in page]}, headers=headers)

    @app.get("/tasks/{task_id}")
    def get_task(task_id: str, user_id: User) -> JSONResponse:
        with pool.connection() as conn:
            row = conn.execute(
                f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = %s AND owner_id = %s",  # noqa: S608 - a constant column list
                (task_id_from_path(task_id), user_id),
            ).fetchone()
        if row is None:
            raise ProblemError(404, "No such task.")
        return JSONResponse(task_json(row), headers={"ETag": etag(row["version"])})

    @app.patch("/tasks/{task_id}")
    def update_task(
        task_id: str, body: TaskChanges, user_id: User, if_match: Annotated[str | None, Header()] = None
    ) -> JSONResponse:
        task = task_id_from_path(task_id)
        changes = body.model_dump(exclude_unset=True)
        if not changes:
            raise ProblemError(422, "Send at least one of title, notes and done.")
        if if_match is None:
            raise ProblemError(
                428, "Send If-Match with the task's ETag, so that you do not overwrite a change you have not seen."
            )
        with pool.connection() as conn:
            current = conn.execute(
                "SELECT version FROM tasks WHERE id = %s AND owner_id = %s", (task, user_id)
            ).fetchone()
            if current is None:
                raise ProblemError(404, "No such task.")
            if not if_match_allows(if_match, current["version"]):
                raise ProblemError(412, "If-Match does not match the task's current ETag; fetch it again.")
            assignments = ", ".join(f"{column} = %s" for column in changes)
            # The version condition makes the check and the write one atomic step: of two updates sent with
            # the same ETag, the second finds no row and gets 412 instead of silently overwriting the first.
            row = conn.execute(
                f"UPDATE tasks SET {assignments}, version = version + 1, updated_at = now() "  # noqa: S608 - column names from the model
                f"WHERE id = %s AND owner_id = %s AND version = %s RETURNING {TASK_COLUMNS}",
                (*changes.values(), task, user_id, current["version"]),
            ).fetchone()
        if row is None:
            raise ProblemError(412, "The task changed since you read it; fetch it again and reapply your change.")
        return JSONResponse(task_json(row), headers={"ETag": etag(row["version"])})

    @app.delete("/tasks/{task_id}", status_code=204)
    def delete_task(task_id: str, user_id: User) -> Response:
        with pool.connection() as conn:
            deleted = conn.execute(
                "DELETE FROM tasks WHERE id = %s AND owner_id = %s", (task_id_from_path(task_id), user_id)
            ).rowcount
        if not deleted:
            raise ProblemError(404, "No such task.")
        return Response(status_code=204)

    return app
