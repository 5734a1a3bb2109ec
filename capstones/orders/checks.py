"""The orders capstone's checks: a service that takes orders, pays them through a worker and an outbox,
and applies refund events from a payment provider, graded over HTTP without its source.

The resilience checks drive a fake payment provider (capstones/orders/fake_provider) that the service calls
through PAYMENT_URL. The grader and the service share configuration through the environment: API_TOKENS
holds the two customers' tokens below and WEBHOOK_SECRET the event signing key.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import jsonschema

from capstones.grader import Context, Group, Suite
from capstones.grader.openapi import auth, component_schema

from .fake_provider.locate import provider_url

suite = Suite("orders")

ALICE, BOB = "alice-token-3f9c1e", "bob-token-8d2a7b"
API_TOKENS = f"{ALICE}:alice,{BOB}:bob"
WEBHOOK_SECRET = "orders-webhook-secret-5e1d"  # noqa: S105 - a throwaway key shared with capstone.yml
# What a crash leaks when a service sends its internals to the client (Python, Node, JVM, Go, PostgreSQL).
LEAK_MARKERS = (
    "Traceback (most recent call last)",
    'File "/',
    "    at ",
    "node_modules",
    "goroutine ",
    "psycopg",
    "SQLSTATE",
)
SETTLE_S = 15.0

OPENAPI = Path(__file__).with_name("openapi.yaml")


def schema(name: str) -> dict[str, Any]:
    return component_schema(OPENAPI, name)


def an_order(quantity: int = 2, price: int = 1250) -> dict[str, Any]:
    return {"items": [{"sku": "BOOK-42", "quantity": quantity, "unit_price_cents": price}]}


# --- the fake provider --------------------------------------------------------------------------------------


def provider(ctx: Context) -> str:
    url = provider_url(ctx.base_url)
    if url is None:
        ctx.fail(
            "a fake payment provider to drive: start it with `python -m capstones.orders.fake_provider serve "
            "--port 9090`, point the service's PAYMENT_URL at it and set ORDERS_PROVIDER_URL for the grader"
        )
    return str(url)


def behave(ctx: Context, **behavior: Any) -> None:
    httpx.post(f"{provider(ctx)}/_grader/behavior", json=behavior, timeout=5).raise_for_status()


def attempts(ctx: Context, order_id: str) -> dict[str, Any]:
    return httpx.get(f"{provider(ctx)}/_grader/attempts", params={"order_id": order_id}, timeout=5).json()


# --- helpers ------------------------------------------------------------------------------------------------


def place(ctx: Context, token: str = ALICE, body: dict[str, Any] | None = None, **headers: str) -> dict[str, Any]:
    response = ctx.post("/orders", json=body or an_order(), headers=auth(token) | headers)
    ctx.expect_status(response, 201, why="POST /orders with a valid order creates it")
    order = ctx.json(response)
    ctx.expect(isinstance(order, dict) and isinstance(order.get("id"), str), "an order with an id", response)
    ctx.once("placed", list).append((order["id"], token))
    return order


def settle_earlier_orders(ctx: Context) -> None:
    """Wait until the orders earlier checks placed are charged, so this check's provider behavior (slow,
    failing) applies to its own orders and not to a backlog that would delay them."""
    deadline = time.monotonic() + SETTLE_S
    for order_id, token in ctx.once("placed", list):
        while time.monotonic() < deadline:
            response = ctx.get(f"/orders/{order_id}", headers=auth(token))
            if response.status_code != 200 or ctx.json(response).get("status") != "pending":
                break
            time.sleep(0.05)


def read(ctx: Context, order_id: str, token: str = ALICE) -> dict[str, Any]:
    response = ctx.get(f"/orders/{order_id}", headers=auth(token))
    ctx.expect_status(response, 200, why="the owner reads their order")
    return ctx.json(response)


def wait_for_status(ctx: Context, order_id: str, wanted: str, within_s: float = SETTLE_S) -> dict[str, Any]:
    deadline = time.monotonic() + within_s
    while True:
        order = read(ctx, order_id)
        if order.get("status") == wanted or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    if order.get("status") != wanted:
        ctx.fail(f"order {order_id} {wanted} within {within_s:.0f} s", got=f"status {order.get('status')!r}")
    return order


def signed(event: dict[str, Any], secret: str = WEBHOOK_SECRET) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(event).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return body, {"Content-Type": "application/json", "X-Signature": signature}


def refund_event(order_id: str, amount_cents: int, event_id: str | None = None) -> dict[str, Any]:
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex}",
        "type": "refund.succeeded",
        "order_id": order_id,
        "amount_cents": amount_cents,
    }


def deliver(ctx: Context, event: dict[str, Any]) -> httpx.Response:
    body, headers = signed(event)
    return ctx.post("/payment-events", content=body, headers=headers)


def require(ctx: Context, condition: bool, expected: str, *, got: str) -> None:
    """Like ctx.expect, for facts no single response shows (counts, timings): say what was observed."""
    if not condition:
        ctx.fail(expected, got=got)


def expect_no_leak(ctx: Context, response: httpx.Response) -> None:
    leaked = [marker for marker in LEAK_MARKERS if marker in response.text]
    ctx.expect(not leaked, "an error body without stack traces or driver messages", response)


# --- contract -----------------------------------------------------------------------------------------------


@suite.check(
    "contract.create-and-read",
    group=Group.CONTRACT,
    title="POST /orders creates an order with a Location; GET returns it in the documented shape",
    lessons=["apis/rest-design", "apis/openapi-testing"],
    evidence={"rest": "junior", "api-docs": "junior"},
)
def create_and_read(ctx: Context) -> None:
    behave(ctx)
    response = ctx.post("/orders", json=an_order(3, 999), headers=auth(ALICE))
    ctx.expect_status(response, 201)
    order = ctx.json(response)
    try:
        jsonschema.validate(order, schema("Order"))
    except jsonschema.ValidationError as error:
        ctx.fail(f"an Order as openapi.yaml defines it ({error.message})", response)
    ctx.expect(order["amount_cents"] == 2997, "amount_cents = quantity x unit_price_cents = 2997", response)
    location = response.headers.get("location", "")
    ctx.expect(location.endswith(f"/orders/{order['id']}"), "a Location header ending /orders/{id}", response)
    again = ctx.get(location, headers=auth(ALICE))
    ctx.expect_status(again, 200)
    ctx.expect(ctx.json(again).get("id") == order["id"], "the same order at its Location", again)
    missing = ctx.get(f"/orders/{uuid.uuid4()}", headers=auth(ALICE))
    ctx.expect_problem(missing, 404)


# --- errors and validation ----------------------------------------------------------------------------------

INVALID_ORDERS: list[tuple[str, Any]] = [
    ("no items", {"items": []}),
    ("quantity 0", an_order(quantity=0)),
    ("quantity as a string", {"items": [{"sku": "BOOK-42", "quantity": "2", "unit_price_cents": 100}]}),
    ("negative price", an_order(price=-5)),
    ("missing sku", {"items": [{"quantity": 1, "unit_price_cents": 100}]}),
    ("not an object", ["items"]),
]


@suite.check(
    "errors.validation",
    group=Group.ERRORS,
    title="Invalid orders get 422 problem details that name no internals, and create nothing",
    lessons=["security/input-validation", "apis/rest-design"],
    evidence={"validation": "junior", "rest": "mid"},
)
def validation(ctx: Context) -> None:
    for _name, body in INVALID_ORDERS:
        response = ctx.post("/orders", json=body, headers=auth(ALICE))
        ctx.expect_problem(response, 400, 422)
        expect_no_leak(ctx, response)
    malformed = ctx.post("/orders", content=b'{"items": [', headers=auth(ALICE) | {"Content-Type": "application/json"})
    ctx.expect_problem(malformed, 400, 422)
    expect_no_leak(ctx, malformed)


# --- security -----------------------------------------------------------------------------------------------


@suite.check(
    "security.authentication",
    group=Group.SECURITY,
    title="Requests without a valid bearer token get 401",
    lessons=["security/authentication-and-access-control", "security/authentication-schemes"],
    evidence={"access-control": "junior", "auth-schemes": "junior"},
)
def authentication(ctx: Context) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"Basic {ALICE}"}):
        ctx.expect_problem(ctx.post("/orders", json=an_order(), headers=headers), 401)
    order = place(ctx)
    ctx.expect_problem(ctx.get(f"/orders/{order['id']}"), 401)


@suite.check(
    "security.ownership",
    group=Group.SECURITY,
    title="A customer cannot read another customer's order (broken object-level authorization)",
    lessons=["security/authentication-and-access-control", "apis/rate-limiting-security"],
    evidence={"access-control": "mid", "rate-limiting": "mid"},
)
def ownership(ctx: Context) -> None:
    order = place(ctx, ALICE)
    response = ctx.get(f"/orders/{order['id']}", headers=auth(BOB))
    ctx.expect_problem(response, 403, 404)
    ctx.expect("BOOK-42" not in response.text, "nothing of alice's order in bob's answer", response)


@suite.check(
    "security.event-signature",
    group=Group.SECURITY,
    title="Payment events with a missing or wrong signature are refused and change nothing",
    lessons=["apis/api-styles-beyond-rest", "security/authentication-schemes"],
    evidence={"api-styles": "mid", "auth-schemes": "mid"},
)
def event_signature(ctx: Context) -> None:
    order = place(ctx)
    event = refund_event(order["id"], 100)
    body, _ = signed(event)
    unsigned = ctx.post("/payment-events", content=body, headers={"Content-Type": "application/json"})
    ctx.expect_problem(unsigned, 401, 403)
    forged_body, forged_headers = signed(event, secret="not-the-secret")  # noqa: S106 - a deliberately wrong key
    ctx.expect_problem(ctx.post("/payment-events", content=forged_body, headers=forged_headers), 401, 403)
    refunded = read(ctx, order["id"]).get("refunded_cents")
    require(ctx, refunded == 0, "refunded_cents still 0 after refused events", got=f"refunded_cents {refunded}")


# --- robustness ---------------------------------------------------------------------------------------------


@suite.check(
    "robustness.idempotency-key",
    group=Group.ROBUSTNESS,
    title="A POST retried with the same Idempotency-Key, even concurrently, creates one order",
    lessons=["apis/rest-design", "architecture/resilience"],
    evidence={"rest": "mid", "resilience": "mid"},
)
def idempotency_key(ctx: Context) -> None:
    key = ctx.unique("order")
    first = place(ctx, ALICE, **{"Idempotency-Key": key})
    second = place(ctx, ALICE, **{"Idempotency-Key": key})
    ctx.expect(second["id"] == first["id"], "the first order's id for a repeated Idempotency-Key")
    # A race needs overlap: five bursts of eight requests released together, each burst with one key.
    for _ in range(5):
        burst_key = ctx.unique("burst")
        responses = ctx.concurrently(
            [lambda key=burst_key: ctx.post("/orders", json=an_order(), headers=auth(ALICE) | {"Idempotency-Key": key})]
            * 8
        )
        ids = set()
        for response in responses:
            ctx.expect_status(response, 200, 201, why="concurrent retries of one request all succeed")
            ids.add(ctx.json(response).get("id"))
        ctx.once("placed", list).extend((order_id, ALICE) for order_id in ids if isinstance(order_id, str))
        ctx.expect(
            len(ids) == 1, f"one order for eight concurrent requests with one key, not {len(ids)}", responses[-1]
        )
    other = place(ctx, ALICE, **{"Idempotency-Key": ctx.unique("order")})
    ctx.expect(other["id"] != first["id"], "a new order for a new key")


@suite.check(
    "robustness.idempotent-consumer",
    group=Group.ROBUSTNESS,
    title="A refund event delivered several times, also at once, is applied once",
    lessons=["architecture/messaging"],
    evidence={"messaging": "mid"},
)
def idempotent_consumer(ctx: Context) -> None:
    order = place(ctx)
    event = refund_event(order["id"], 300)
    for _ in range(3):
        ctx.expect_status(deliver(ctx, event), 200, why="a redelivered event is acknowledged")
    burst = refund_event(order["id"], 200)
    for response in ctx.concurrently([lambda: deliver(ctx, burst)] * 6):
        ctx.expect_status(response, 200, why="concurrent redeliveries are acknowledged")
    refunded = read(ctx, order["id"]).get("refunded_cents")
    ctx.expect(refunded == 500, f"refunded_cents 500 (two events, each applied once), got {refunded}")


@suite.check(
    "robustness.concurrent-refunds",
    group=Group.ROBUSTNESS,
    title="Twenty different refunds arriving at once all count (no lost update)",
    lessons=["databases/transactions"],
    evidence={"transactions": "mid"},
)
def concurrent_refunds(ctx: Context) -> None:
    order = place(ctx, body=an_order(quantity=1, price=10_000))
    events = [refund_event(order["id"], 100) for _ in range(20)]
    for response in ctx.concurrently([lambda e=e: deliver(ctx, e) for e in events]):
        ctx.expect_status(response, 200, why="each distinct refund is applied")
    refunded = read(ctx, order["id"]).get("refunded_cents")
    ctx.expect(refunded == 2000, f"refunded_cents 2000 after 20 refunds of 100, got {refunded}")


@suite.check(
    "robustness.slow-provider",
    group=Group.ROBUSTNESS,
    title="With the provider taking 1 s a charge, POST /orders still answers fast and every order gets paid once",
    lessons=["databases/hybrid-architectures", "architecture/messaging", "architecture/resilience"],
    evidence={"hybrid": "mid", "messaging": "mid", "resilience": "junior"},
)
def slow_provider(ctx: Context) -> None:
    settle_earlier_orders(ctx)
    behave(ctx, delay_s=1.0)
    try:
        orders = []
        for _ in range(2):
            started = time.perf_counter()
            orders.append(place(ctx))
            took_ms = (time.perf_counter() - started) * 1000
            ctx.metrics["post_orders_ms_max"] = max(float(ctx.metrics.get("post_orders_ms_max", 0)), round(took_ms))
            require(
                ctx,
                took_ms < 800,
                "POST /orders within 800 ms: payment belongs in the background, after commit",
                got=f"{took_ms:.0f} ms",
            )
        for order in orders:
            wait_for_status(ctx, order["id"], "paid")
            seen = attempts(ctx, order["id"])
            require(ctx, seen["charges"] == 1, f"one charge for order {order['id']}", got=f"{seen['charges']} charges")
    finally:
        behave(ctx)


@suite.check(
    "robustness.retry-backoff",
    group=Group.ROBUSTNESS,
    title="After four 503s the charge is retried with doubling delays, then the order is paid",
    lessons=["architecture/resilience"],
    evidence={"resilience": "mid"},
)
def retry_backoff(ctx: Context) -> None:
    settle_earlier_orders(ctx)
    behave(ctx, fail_first=4, fail_status=503)
    try:
        order = place(ctx)
        wait_for_status(ctx, order["id"], "paid")
    finally:
        behave(ctx)
    times = [a["received_at"] for a in attempts(ctx, order["id"])["attempts"]]
    gaps = [round(b - a, 3) for a, b in itertools.pairwise(times)]
    ctx.metrics["retry_gaps_s"] = ", ".join(f"{g:.3f}" for g in gaps)
    require(ctx, len(times) == 5, "exactly 5 attempts: four failures, then a success", got=f"{len(times)} attempts")
    # Lower bounds only: a busy machine can lengthen a delay, never shorten it, so the reference cannot fail
    # this by chance; 5% slack covers the clocks' resolution.
    minimums = [0.1, 0.2, 0.4, 0.8]
    short = [
        (n + 1, gap, least) for n, (gap, least) in enumerate(zip(gaps, minimums, strict=True)) if gap < least * 0.95
    ]
    require(
        ctx,
        not short,
        "exponential backoff: at least 100, 200, 400 and 800 ms before retries 1 to 4",
        got="; ".join(f"retry {n} after {gap:.3f} s, not {least} s" for n, gap, least in short),
    )


@suite.check(
    "robustness.retry-same-key",
    group=Group.ROBUSTNESS,
    title="A charge the provider made but failed to confirm is retried with the same Idempotency-Key: one charge",
    lessons=["architecture/resilience", "apis/rest-design"],
    evidence={"resilience": "mid", "rest": "mid"},
)
def retry_same_key(ctx: Context) -> None:
    settle_earlier_orders(ctx)
    behave(ctx, fail_first=1, fail_status=500, charge_then_fail=True)
    try:
        order = place(ctx)
        wait_for_status(ctx, order["id"], "paid")
    finally:
        behave(ctx)
    seen = attempts(ctx, order["id"])
    keys = {a["idempotency_key"] for a in seen["attempts"]}
    require(ctx, len(seen["attempts"]) >= 2, "a retry after the 500", got=f"{len(seen['attempts'])} attempt(s)")
    require(
        ctx,
        len(keys) == 1 and "" not in keys,
        "one non-empty Idempotency-Key on every attempt",
        got=f"keys {sorted(keys)}",
    )
    require(ctx, seen["charges"] == 1, "the customer charged once", got=f"{seen['charges']} charges")


@suite.check(
    "robustness.graceful-shutdown",
    group=Group.ROBUSTNESS,
    title="SIGTERM during a charge: the charge finishes and is recorded; after the restart nothing is charged again",
    lessons=["web-foundations/os-and-terminal-basics", "cloud-devops/zero-downtime-deployments"],
    evidence={"os-basics": "mid", "observability": "mid"},
    needs_restart=True,
)
def graceful_shutdown(ctx: Context) -> None:
    settle_earlier_orders(ctx)
    behave(ctx, delay_s=1.5)
    try:
        order = place(ctx)
        deadline = time.monotonic() + 5
        while not attempts(ctx, order["id"])["attempts"] and time.monotonic() < deadline:
            time.sleep(0.05)
        ctx.expect(bool(attempts(ctx, order["id"])["attempts"]), "the worker to call the provider within 5 s")
        ctx.restart()  # SIGTERM while the provider is still answering, then start again
    finally:
        behave(ctx)
    after = wait_for_status(ctx, order["id"], "paid")
    seen = attempts(ctx, order["id"])
    require(
        ctx,
        len(seen["attempts"]) == 1,
        "the in-flight charge finished before exit, so no second attempt",
        got=f"{len(seen['attempts'])} attempts; payment_id {after.get('payment_id')!r}",
    )


# --- performance --------------------------------------------------------------------------------------------


@suite.check(
    "performance.load",
    group=Group.PERFORMANCE,
    title="300 requests (1 in 10 a new order, the rest reads), 8 at a time, within the p50, p95 and error budgets",
    lessons=["testing/load-testing", "databases/fast-sql"],
    evidence={"load-tests": "junior", "sql-performance": "junior"},
)
def load(ctx: Context) -> None:
    order = place(ctx)
    counter = iter(range(1_000_000))

    def send(client: httpx.Client) -> httpx.Response:
        if next(counter) % 10 == 0:
            return client.post("/orders", json=an_order(), headers=auth(ALICE))
        return client.get(f"/orders/{order['id']}", headers=auth(ALICE))

    result = ctx.load(send, requests=300, concurrency=8)
    ctx.metrics.update(p50_ms=result.p50_ms, p95_ms=result.p95_ms, error_rate=round(result.error_rate, 4))
    budget = ctx.budgets
    require(
        ctx,
        result.error_rate <= budget.get("error_rate", 0.0),
        f"error rate <= {budget.get('error_rate', 0.0)}",
        got=f"{result.errors} errors in {result.requests}",
    )
    require(ctx, result.p50_ms <= budget["p50_ms"], f"p50 <= {budget['p50_ms']:.0f} ms", got=f"p50 {result.p50_ms} ms")
    require(ctx, result.p95_ms <= budget["p95_ms"], f"p95 <= {budget['p95_ms']:.0f} ms", got=f"p95 {result.p95_ms} ms")
