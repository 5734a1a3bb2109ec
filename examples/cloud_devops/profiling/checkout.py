"""A checkout handler instrumented with OpenTelemetry: spans with attributes, two metrics, and errors
reported the way a runtime error should be - logged and recorded with context, generic to the client."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind, Status, StatusCode

logger = logging.getLogger("checkout")


class OutOfStock(Exception):
    """An expected failure: the client asked for something we cannot do. Not a bug, not a page."""


@dataclass
class Response:
    status: int
    body: dict[str, object]


@dataclass
class Order:
    id: str
    items: dict[str, int]  # sku -> quantity
    total_cents: int


@dataclass
class Shop:
    stock: dict[str, int]
    charge: Callable[[Order], str]  # the payment provider; returns a payment id
    tracer_provider: TracerProvider
    meter_provider: MeterProvider

    def __post_init__(self) -> None:
        self.tracer = self.tracer_provider.get_tracer("examples.checkout")
        meter = self.meter_provider.get_meter("examples.checkout")
        # --8<-- [start:instruments]
        self.orders = meter.create_counter("shop.orders", unit="{order}", description="Checkouts by outcome")
        self.duration = meter.create_histogram(
            "shop.checkout.duration", unit="s", description="Time to handle one checkout"
        )
        # --8<-- [end:instruments]

    # --8<-- [start:handler]
    def handle_checkout(self, order: Order) -> Response:
        started = time.perf_counter()
        with self.tracer.start_as_current_span(
            "POST /checkout",
            kind=SpanKind.SERVER,
            attributes={"http.request.method": "POST", "http.route": "/checkout"},
            record_exception=False,  # this handler decides what counts as an error, below
            set_status_on_exception=False,
        ) as span:
            span.set_attribute("shop.order.items", sum(order.items.values()))
            try:
                self.reserve(order)
                payment_id = self.pay(order)
                response = Response(201, {"order": order.id, "payment": payment_id})
                outcome = "placed"
            except OutOfStock as error:
                # Expected: a 4xx is the client's problem, so the span is not marked as an error.
                response = Response(409, {"title": "Out of stock", "detail": str(error)})
                outcome = "out_of_stock"
            except Exception as error:
                # Unexpected: record it with full context for us, return nothing internal to the client.
                span.record_exception(error)
                span.set_status(Status(StatusCode.ERROR, type(error).__name__))
                trace_id = format(span.get_span_context().trace_id, "032x")
                logger.exception("checkout failed", extra={"trace_id": trace_id, "order_id": order.id})
                response = Response(500, {"title": "Internal Server Error", "trace_id": trace_id})
                outcome = "error"
            span.set_attribute("http.response.status_code", response.status)
        self.orders.add(1, {"outcome": outcome})
        self.duration.record(time.perf_counter() - started, {"outcome": outcome})
        return response

    def reserve(self, order: Order) -> None:
        with self.tracer.start_as_current_span("reserve stock") as span:
            span.set_attribute("shop.skus", len(order.items))
            for sku, quantity in order.items.items():
                if self.stock.get(sku, 0) < quantity:
                    raise OutOfStock(f"only {self.stock.get(sku, 0)} of {sku} left")
            for sku, quantity in order.items.items():
                self.stock[sku] -= quantity

    def pay(self, order: Order) -> str:
        with self.tracer.start_as_current_span("charge payment", kind=SpanKind.CLIENT) as span:
            span.set_attribute("shop.payment.amount_cents", order.total_cents)
            return self.charge(order)

    # --8<-- [end:handler]
