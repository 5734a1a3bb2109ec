"""The tasks API's checks: what the grader sends and what it accepts, per capstones/tasks_api/openapi.yaml.

Each check makes its own accounts (unique names per run), so a service can be graded again without a reset.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import httpx

from capstones.grader import Context, Group, Suite

suite = Suite("tasks-api")

PASSWORD = "correct horse battery staple"  # noqa: S105 - a throwaway account the grader creates
LINK_NEXT = re.compile(r'<([^>]*)>\s*;\s*(?:[^,]*;\s*)*rel="?next"?', re.IGNORECASE)
# What a stack trace or a database error looks like in Python, Node.js, Go, Java or PostgreSQL's own words.
LEAK_MARKERS = (
    "Traceback (most recent call last)",
    'File "/',
    "node_modules",
    "\n    at ",
    "goroutine ",
    "java.lang.",
    "psycopg",
    "SQLSTATE",
    "syntax error at or near",
    "invalid input syntax for",
)


# --- helpers shared by the checks -------------------------------------------------------------------------


def new_account(ctx: Context) -> tuple[str, dict[str, str]]:
    """Register a user and log in: the username and the Authorization header to send."""
    username = ctx.unique("u").replace("-", "_")
    created = ctx.post("/users", json={"username": username, "password": PASSWORD})
    ctx.expect_status(created, 201, why="registering a new user")
    token = ctx.post("/tokens", json={"username": username, "password": PASSWORD})
    ctx.expect_status(token, 201, why="logging in with the password just registered")
    body = ctx.json(token)
    ctx.expect(isinstance(body.get("access_token"), str), "an access_token string in the login response", token)
    return username, {"Authorization": f"Bearer {body['access_token']}"}


def account(ctx: Context, name: str) -> dict[str, str]:
    """An account made once per run and shared by the checks that ask for the same name."""
    return ctx.once(f"account:{name}", lambda: new_account(ctx))[1]


def create_task(ctx: Context, auth: dict[str, str], title: str, **headers: str) -> dict:
    response = ctx.post("/tasks", json={"title": title}, headers={**auth, **headers})
    ctx.expect_status(response, 201, why="creating a task")
    return ctx.json(response)


def next_url(ctx: Context, response: httpx.Response) -> str | None:
    match = LINK_NEXT.search(response.headers.get("link", ""))
    return urljoin(ctx.base_url + "/", match.group(1)) if match else None


def tampered(token: str) -> str:
    """The token with one character in its middle replaced by another of the same kind."""
    middle = len(token) // 2
    original = token[middle]
    if original.isdigit():
        replacement = "7" if original != "7" else "3"
    elif original.isalpha():
        replacement = original.swapcase() if original.swapcase() != original else "Q"
    else:
        replacement = "A"
    return token[:middle] + replacement + token[middle + 1 :]


# --- contract ---------------------------------------------------------------------------------------------


@suite.check(
    "contract.accounts",
    group=Group.CONTRACT,
    title="Registering answers 201 without the password; logging in returns a bearer token; a taken name is 409",
    lessons=["apis/rest-design", "security/authentication-schemes"],
    evidence={"rest": "junior", "auth-schemes": "junior"},
)
def accounts(ctx: Context) -> None:
    username = ctx.unique("u").replace("-", "_")
    created = ctx.post("/users", json={"username": username, "password": PASSWORD})
    ctx.expect_status(created, 201)
    body = ctx.json(created)
    ctx.expect(body.get("username") == username, "the new user's username in the body", created)
    ctx.expect(isinstance(body.get("id"), int), "the new user's id, an integer", created)
    leaked = [key for key in body if "password" in key.lower()]
    ctx.expect(not leaked, "no password or password hash in the response", created)
    ctx.expect_problem(ctx.post("/users", json={"username": username, "password": PASSWORD}), 409)
    token = ctx.post("/tokens", json={"username": username, "password": PASSWORD})
    ctx.expect_status(token, 201)
    issued = ctx.json(token)
    ctx.expect(str(issued.get("token_type", "")).lower() == "bearer", 'token_type "Bearer"', token)
    ctx.expect(isinstance(issued.get("access_token"), str), "an access_token string", token)
    ctx.expect_problem(ctx.post("/tokens", json={"username": username, "password": PASSWORD + "!"}), 401)


@suite.check(
    "contract.tasks",
    group=Group.CONTRACT,
    title="A task can be created (201, Location, ETag), read, updated with If-Match and deleted (204, then 404)",
    lessons=["apis/rest-design", "web-foundations/http-semantics"],
    evidence={"rest": "junior", "http": "junior"},
)
def tasks(ctx: Context) -> None:
    auth = account(ctx, "owner")
    created = ctx.post("/tasks", json={"title": "Write the report", "notes": "two pages"}, headers=auth)
    ctx.expect_status(created, 201)
    task = ctx.json(created)
    for field, kind in (("id", int), ("title", str), ("notes", str), ("done", bool), ("version", int)):
        ctx.expect(isinstance(task.get(field), kind), f"the task's {field} ({kind.__name__}) in the body", created)
    ctx.expect(task["done"] is False, "done false by default", created)
    location = created.headers.get("location")
    ctx.expect(location is not None, "a Location header naming the new task", created)
    ctx.expect("etag" in created.headers, "an ETag header", created)
    read = ctx.get(urljoin(ctx.base_url + "/", location), headers=auth)
    ctx.expect_status(read, 200)
    ctx.expect(ctx.json(read).get("title") == "Write the report", "the same task at its Location", read)
    updated = ctx.patch(f"/tasks/{task['id']}", json={"done": True}, headers={**auth, "If-Match": read.headers["etag"]})
    ctx.expect_status(updated, 200)
    changed = ctx.json(updated)
    ctx.expect(changed.get("done") is True, "done true after the update", updated)
    ctx.expect(changed.get("version", 0) > task["version"], "a higher version after the update", updated)
    ctx.expect(updated.headers.get("etag") not in (None, read.headers["etag"]), "a new ETag after the update", updated)
    ctx.expect_status(ctx.delete(f"/tasks/{task['id']}", headers=auth), 204)
    ctx.expect_problem(ctx.get(f"/tasks/{task['id']}", headers=auth), 404)


@suite.check(
    "contract.pagination",
    group=Group.CONTRACT,
    title="Lists page with a Link rel=next header that keeps the filter: each task once, in order, no next at the end",
    lessons=["apis/rest-design"],
    evidence={"rest": "mid"},
)
def pagination(ctx: Context) -> None:
    auth = account(ctx, "owner")
    marker = ctx.unique("page")
    created = [create_task(ctx, auth, f"{marker} item {n}")["id"] for n in range(5)]
    url: str | None = f"/tasks?limit=2&q={marker}"
    seen: list[int] = []
    pages = 0
    while url is not None and pages < 6:
        page = ctx.get(url, headers=auth)
        ctx.expect_status(page, 200)
        items = ctx.json(page).get("items")
        ctx.expect(isinstance(items, list) and len(items) <= 2, "an items array of at most limit=2 tasks", page)
        seen.extend(item["id"] for item in items)
        pages += 1
        url = next_url(ctx, page)
        if url is None:
            last = page
    ctx.expect(
        pages == 3, "3 pages for 5 tasks at limit=2, the last without a next link", last if url is None else page
    )
    ctx.expect(seen == created, f"the tasks {created} once each, in creation order; got {seen}", last)


# --- errors and validation --------------------------------------------------------------------------------


@suite.check(
    "errors.problem-details",
    group=Group.ERRORS,
    title="Errors are RFC 9457 problem details: unknown task 404, unknown route 404, malformed JSON 400",
    lessons=["apis/rest-design"],
    evidence={"rest": "mid", "http": "mid"},
)
def problem_details(ctx: Context) -> None:
    auth = account(ctx, "owner")
    ctx.expect_problem(ctx.get("/tasks/987654321", headers=auth), 404)
    ctx.expect_problem(ctx.get("/no-such-resource", headers=auth), 404)
    malformed = ctx.post(
        "/tasks", content=b'{"title": "unfinished', headers={**auth, "Content-Type": "application/json"}
    )
    ctx.expect_problem(malformed, 400)


INVALID_TASKS: list[tuple[str, object]] = [
    ("no title", {}),
    ("an empty title", {"title": ""}),
    ("a title of 201 characters", {"title": "x" * 201}),
    ("a title that is a number", {"title": 5}),
    ("a title with a NUL character", {"title": "nul\u0000inside"}),
    ("done as a string", {"title": "fine", "done": "yes"}),
    ("notes of 2,001 characters", {"title": "fine", "notes": "n" * 2001}),
    ("an array instead of an object", ["title"]),
]


@suite.check(
    "errors.validation",
    group=Group.ERRORS,
    title="Invalid input is a 422 problem that names the fields, never a 500",
    lessons=["security/input-validation", "apis/rest-design"],
    evidence={"validation": "mid", "rest": "junior"},
)
def validation(ctx: Context) -> None:
    auth = account(ctx, "owner")
    for what, body in INVALID_TASKS:
        response = ctx.post("/tasks", json=body, headers=auth)
        ctx.expect_status(response, 422, why=f"a task with {what}")
        problem = ctx.expect_problem(response, 422)
        errors = problem.get("errors")
        ctx.expect(
            isinstance(errors, list) and len(errors) > 0, f"an errors array naming what is wrong ({what})", response
        )
    ctx.expect_problem(ctx.post("/users", json={"username": "No Spaces!", "password": PASSWORD}), 422)
    for limit in ("0", "101", "ten"):
        ctx.expect_problem(ctx.get(f"/tasks?limit={limit}", headers=auth), 422)


@suite.check(
    "errors.no-internal-details",
    group=Group.ERRORS,
    title="Odd requests get a 4xx without stack traces, file paths or database errors in the body",
    lessons=["security/input-validation", "security/security-testing"],
    evidence={"validation": "mid", "secure-process": "mid"},
)
def no_internal_details(ctx: Context) -> None:
    auth = account(ctx, "owner")
    probes = [
        ctx.get("/tasks?cursor=%25%25%25", headers=auth),
        ctx.get("/tasks?cursor=bm90LWEtY3Vyc29y", headers=auth),
        ctx.get("/tasks/99999999999999999999999999", headers=auth),
        ctx.get("/tasks/-1", headers=auth),
        ctx.get("/tasks?limit=-1", headers=auth),
        ctx.post("/tasks", content=b"title=plain", headers={**auth, "Content-Type": "text/plain"}),
        ctx.post("/tokens", content=b"[[[[[[[[", headers={"Content-Type": "application/json"}),
    ]
    for response in probes:
        ctx.expect(400 <= response.status_code < 500, "a 4xx status: the request is at fault, not the server", response)
        found = [marker.strip() for marker in LEAK_MARKERS if marker in response.text]
        ctx.expect(not found, f"no internal details in the body (found {found})", response)


# --- security ---------------------------------------------------------------------------------------------

INJECTIONS = ["' OR 'a'='a' OR 'b'='", "' OR 1=1 --", "x' OR 1=1); --", '" OR ""="', "\\' OR 1=1 --"]


@suite.check(
    "security.injection",
    group=Group.SECURITY,
    title="Search text is data, not SQL: quotes work and injection payloads return only the caller's own tasks",
    lessons=["security/sql-injection"],
    evidence={"injection": "mid"},
)
def injection(ctx: Context) -> None:
    victim = create_task(ctx, account(ctx, "owner"), "Victim's private plan")
    attacker = account(ctx, "other")
    own = create_task(ctx, attacker, "O'Reilly notes")
    everything = ctx.get("/tasks?limit=100", headers=attacker)
    ctx.expect_status(everything, 200)
    own_ids = {item["id"] for item in ctx.json(everything)["items"]}
    found = ctx.get("/tasks", params={"q": "O'Reilly"}, headers=attacker)
    ctx.expect_status(found, 200, why="a search for a title with an apostrophe")
    ids = [item["id"] for item in ctx.json(found)["items"]]
    ctx.expect(own["id"] in ids and victim["id"] not in ids, "the caller's task titled O'Reilly notes", found)
    for payload in INJECTIONS:
        response = ctx.get("/tasks", params={"q": payload}, headers=attacker)
        ctx.expect_status(response, 200, why="search text is free text; a quote is not an error")
        others = [item["id"] for item in ctx.json(response)["items"] if item["id"] not in own_ids]
        ctx.expect(not others, "only the caller's own tasks, whatever the search text", response)


@suite.check(
    "security.object-level-authorization",
    group=Group.SECURITY,
    title="Another user's task cannot be read, changed or deleted (404), and stays as it was",
    lessons=["security/authentication-and-access-control"],
    evidence={"access-control": "mid"},
)
def object_level_authorization(ctx: Context) -> None:
    owner = account(ctx, "owner")
    task = create_task(ctx, owner, "Owner's task")
    intruder = account(ctx, "other")
    path = f"/tasks/{task['id']}"
    etag = f'"{task["version"]}"'
    ctx.expect_status(ctx.get(path, headers=intruder), 403, 404, why="reading another user's task")
    patched = ctx.patch(path, json={"title": "Taken over"}, headers={**intruder, "If-Match": etag})
    ctx.expect_status(patched, 403, 404, why="changing another user's task")
    ctx.expect_status(ctx.delete(path, headers=intruder), 403, 404, why="deleting another user's task")
    after = ctx.get(path, headers=owner)
    ctx.expect_status(after, 200, why="the owner's task must still exist")
    ctx.expect(ctx.json(after).get("title") == "Owner's task", "the owner's task unchanged", after)


@suite.check(
    "security.authentication",
    group=Group.SECURITY,
    title="No token, a made-up token, a tampered token or another scheme gets 401 with WWW-Authenticate",
    lessons=["security/authentication-schemes", "apis/oauth-jwt"],
    evidence={"auth-schemes": "mid", "access-control": "junior"},
)
def authentication(ctx: Context) -> None:
    auth = account(ctx, "owner")
    token = auth["Authorization"].removeprefix("Bearer ")
    attempts = {
        "no Authorization header": {},
        "a made-up token": {"Authorization": "Bearer not-a-real-token"},
        "a token with one character changed": {"Authorization": f"Bearer {tampered(token)}"},
        "a token with characters appended": {"Authorization": f"Bearer {token}AAAA"},
        "the token under the Basic scheme": {"Authorization": f"Basic {token}"},
    }
    for what, headers in attempts.items():
        response = ctx.get("/tasks", headers=headers)
        ctx.expect_status(response, 401, why=f"a request with {what}")
        ctx.expect_problem(response, 401)
        challenge = response.headers.get("www-authenticate", "")
        ctx.expect(challenge.lower().startswith("bearer"), "a WWW-Authenticate: Bearer challenge", response)
    ctx.expect_status(ctx.post("/tasks", json={"title": "anonymous"}), 401, why="creating a task without a token")


@suite.check(
    "security.rate-limit",
    group=Group.SECURITY,
    title="After 5 failed logins in 60 s the next attempt gets 429 with Retry-After, even with the right password",
    lessons=["apis/rate-limiting-security"],
    evidence={"rate-limiting": "mid"},
)
def rate_limit(ctx: Context) -> None:
    username, _ = new_account(ctx)
    for attempt in range(1, 6):
        wrong = ctx.post("/tokens", json={"username": username, "password": f"wrong-guess-{attempt}"})
        ctx.expect_status(wrong, 401, why=f"failed login {attempt} of the 5 allowed")
    limited = ctx.post("/tokens", json={"username": username, "password": "wrong-guess-6"})
    ctx.expect_problem(limited, 429)
    retry_after = limited.headers.get("retry-after", "")
    ctx.expect(retry_after.isdigit() and 1 <= int(retry_after) <= 60, "Retry-After: 1 to 60 seconds", limited)
    right = ctx.post("/tokens", json={"username": username, "password": PASSWORD})
    ctx.expect_status(right, 429, why="a locked login stays locked, or the limit only slows guessing")


# --- robustness -------------------------------------------------------------------------------------------


@suite.check(
    "robustness.idempotency",
    group=Group.ROBUSTNESS,
    title="A retried POST with the same Idempotency-Key creates one task; the key with another body is 422",
    lessons=["apis/rest-design", "architecture/resilience"],
    evidence={"rest": "mid", "resilience": "mid"},
)
def idempotency(ctx: Context) -> None:
    auth = account(ctx, "owner")
    key = ctx.unique("key")
    title = ctx.unique("Pay the invoice")
    first = ctx.post("/tasks", json={"title": title}, headers={**auth, "Idempotency-Key": key})
    ctx.expect_status(first, 201)
    retry = ctx.post("/tasks", json={"title": title}, headers={**auth, "Idempotency-Key": key})
    ctx.expect_status(retry, 200, 201, why="a retry gets the first response again")
    ctx.expect(ctx.json(retry).get("id") == ctx.json(first)["id"], "the same task id as the first response", retry)
    listed = ctx.get("/tasks", params={"q": title}, headers=auth)
    ctx.expect_status(listed, 200)
    ctx.expect(len(ctx.json(listed)["items"]) == 1, "exactly one task created by the two requests", listed)
    reused = ctx.post("/tasks", json={"title": title + " (changed)"}, headers={**auth, "Idempotency-Key": key})
    ctx.expect_problem(reused, 422)


@suite.check(
    "robustness.concurrent-updates",
    group=Group.ROBUSTNESS,
    title="Updates need If-Match (428); a stale ETag is 412; of 8 simultaneous updates with one ETag only 1 wins",
    lessons=["databases/transactions", "web-foundations/http-caching"],
    evidence={"transactions": "mid", "http": "mid"},
)
def concurrent_updates(ctx: Context) -> None:
    auth = account(ctx, "owner")
    task = create_task(ctx, auth, "Contended task")
    path = f"/tasks/{task['id']}"
    ctx.expect_problem(ctx.patch(path, json={"title": "no precondition"}, headers=auth), 428)
    stale = f'"{task["version"]}"'
    ctx.expect_status(ctx.patch(path, json={"done": True}, headers={**auth, "If-Match": stale}), 200)
    ctx.expect_problem(ctx.patch(path, json={"title": "stale"}, headers={**auth, "If-Match": stale}), 412)
    for round_number in range(3):
        current = ctx.get(path, headers=auth)
        etag = current.headers.get("etag", "")
        calls = [
            (lambda n=n, tag=etag: ctx.patch(path, json={"title": f"writer {n}"}, headers={**auth, "If-Match": tag}))
            for n in range(8)
        ]
        results = ctx.concurrently(calls)
        statuses = sorted(r.status_code for r in results)
        winners = [r for r in results if r.status_code == 200]
        ctx.expect(
            statuses == [200] + [412] * 7,
            f"round {round_number + 1}: one 200 and seven 412 for 8 updates sent with one ETag; got {statuses}",
            winners[-1] if winners else results[0],
        )
        final = ctx.get(path, headers=auth)
        expected_title = ctx.json(winners[0])["title"]
        ctx.expect(ctx.json(final).get("title") == expected_title, "the winning update's title stored", final)


# --- performance ------------------------------------------------------------------------------------------


@suite.check(
    "performance.list-latency",
    group=Group.PERFORMANCE,
    title="Listing 50 tasks under a bounded load stays within the stated p50, p95 and error-rate budgets",
    lessons=["testing/load-testing", "databases/fast-sql"],
    evidence={"load-tests": "junior", "sql-performance": "mid"},
)
def list_latency(ctx: Context) -> None:
    auth = account(ctx, "owner")
    marker = ctx.unique("load")
    for n in range(50):
        create_task(ctx, auth, f"{marker} item {n}")
    path = f"/tasks?limit=50&q={marker}"
    probe = ctx.get(path, headers=auth)
    ctx.expect(len(ctx.json(probe).get("items", [])) == 50, "50 tasks in one page at limit=50", probe)
    budgets = ctx.budgets

    def send(client: httpx.Client) -> httpx.Response:
        return client.get(path, headers=auth)

    ctx.load(send, requests=20, concurrency=2)  # warm-up: connection pools, caches, JIT; not measured
    result = ctx.load(send, requests=int(budgets["load_requests"]), concurrency=int(budgets["load_concurrency"]))
    ctx.metrics.update(
        {"requests": result.requests, "p50_ms": result.p50_ms, "p95_ms": result.p95_ms, "error_rate": result.error_rate}
    )
    summary = f"p50 {result.p50_ms} ms, p95 {result.p95_ms} ms, error rate {result.error_rate:.3f}"
    within = (
        result.p50_ms <= budgets["p50_ms"]
        and result.p95_ms <= budgets["p95_ms"]
        and result.error_rate <= budgets["error_rate"]
    )
    budget = f"p50 <= {budgets['p50_ms']:.0f} ms, p95 <= {budgets['p95_ms']:.0f} ms, errors <= {budgets['error_rate']}"
    if not within:
        ctx.fail(f"{budget} over {result.requests} requests", probe, got=summary)


# --- the restart runs last: a service that loses its tokens on restart would fail every later check ------


@suite.check(
    "robustness.restart",
    group=Group.ROBUSTNESS,
    title="After a restart, a token issued before it still works and the tasks are still there",
    lessons=["cloud-devops/containers-and-twelve-factor", "databases/orms-and-migrations"],
    evidence={"twelve-factor": "mid", "orms-and-migrations": "junior"},
    needs_restart=True,
)
def restart(ctx: Context) -> None:
    auth = account(ctx, "owner")
    task = create_task(ctx, auth, ctx.unique("Survives restarts"))
    ctx.restart()
    read = ctx.get(f"/tasks/{task['id']}", headers=auth)
    ctx.expect_status(read, 200, why="the token issued before the restart, and the task, must still be valid")
    ctx.expect(ctx.json(read).get("title") == task["title"], "the task as it was before the restart", read)
    listed = ctx.get("/tasks", params={"q": task["title"]}, headers=auth)
    ctx.expect_status(listed, 200)
    ids = [item["id"] for item in ctx.json(listed)["items"]]
    ctx.expect(ids == [task["id"]], "the task listed after the restart", listed)
