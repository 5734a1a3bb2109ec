"""The checkout's stock reservation step, instrumented with an OpenTelemetry span.

Out of stock is an expected outcome: the handler turns it into a 409 and leaves the request span's status
unset. Yet the trace search for status=error, which on-call uses during incidents, is full of checkouts
that only ran out of stock.
"""

from __future__ import annotations

from collections.abc import Callable

from opentelemetry.sdk.trace import TracerProvider


class OutOfStock(Exception):
    """Expected: the client asked for more than there is. A 409, not a bug."""


class Reservations:
    def __init__(self, tracer_provider: TracerProvider, count_in_stock: Callable[[str], int]) -> None:
        self.tracer = tracer_provider.get_tracer("examples.checkout")
        self.count_in_stock = count_in_stock  # the inventory service; it can fail like any dependency

    def reserve(self, items: dict[str, int]) -> None:
        with self.tracer.start_as_current_span("reserve stock") as span:
            span.set_attribute("shop.skus", len(items))
            for sku, quantity in items.items():
                available = self.count_in_stock(sku)
                if available < quantity:
                    raise OutOfStock(f"only {available} of {sku} left")
