"""Acceptance check: running out of stock leaves the reservation span's status unset and records no exception,
while a failure of the inventory service still marks it ERROR with the exception; both still raise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from exercises import load_module

STOCK = {"mug": 3, "tee": 1}


def inventory(sku: str) -> int:
    if sku == "poster":
        raise TimeoutError("inventory service did not answer in 2 s")
    return STOCK.get(sku, 0)


def reserve(answer: Path, items: dict[str, int]) -> tuple[ReadableSpan, BaseException | None, Any]:
    module = load_module(answer)
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    raised: BaseException | None = None
    try:
        module.Reservations(provider, inventory).reserve(items)
    except Exception as error:
        raised = error
    (span,) = [s for s in exporter.get_finished_spans() if s.name == "reserve stock"]
    return span, raised, module


def test_out_of_stock_is_not_a_span_error(answer: Path) -> None:
    span, raised, module = reserve(answer, {"tee": 5})
    assert isinstance(raised, module.OutOfStock), "the handler still needs the OutOfStock to answer 409"
    assert span.status.status_code is StatusCode.UNSET, "status=error searches now find every empty shelf"
    assert [event.name for event in span.events] == [], "an exception event makes it look like a bug too"


@pytest.mark.starter_passes
def test_a_failing_dependency_is_still_an_error(answer: Path) -> None:
    span, raised, _ = reserve(answer, {"mug": 1, "poster": 1})
    assert isinstance(raised, TimeoutError)
    assert span.status.status_code is StatusCode.ERROR
    assert [event.attributes["exception.type"] for event in span.events if event.name == "exception"] == [
        "TimeoutError"
    ]


@pytest.mark.starter_passes
def test_a_reservation_that_fits_raises_nothing(answer: Path) -> None:
    span, raised, _ = reserve(answer, {"mug": 2, "tee": 1})
    assert raised is None and span.status.status_code is StatusCode.UNSET
    assert span.attributes["shop.skus"] == 2
