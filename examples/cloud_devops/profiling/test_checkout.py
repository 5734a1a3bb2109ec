"""The checkout's telemetry read back in-process: span tree, attributes, error reporting and metrics."""

from __future__ import annotations

import logging

import pytest
from opentelemetry.trace import SpanKind, StatusCode

from examples.cloud_devops.profiling.checkout import Order, Shop
from examples.cloud_devops.profiling.telemetry import Telemetry, in_memory_telemetry


@pytest.fixture
def telemetry() -> Telemetry:
    return in_memory_telemetry("shop")


def shop(telemetry: Telemetry, charge=lambda order: f"pay_{order.id}") -> Shop:
    return Shop({"mug": 3, "tee": 1}, charge, telemetry.tracer_provider, telemetry.meter_provider)


def declined(order: Order) -> str:
    raise ConnectionResetError("payment provider hung up")


# --8<-- [start:spans]
def test_one_request_is_one_trace_with_a_span_per_step(telemetry):
    response = shop(telemetry).handle_checkout(Order("o-1", {"mug": 2}, 2400))
    assert response.status == 201

    spans = {span.name: span for span in telemetry.finished_spans()}
    root, reserve, pay = spans["POST /checkout"], spans["reserve stock"], spans["charge payment"]
    assert root.parent is None and root.kind is SpanKind.SERVER
    assert reserve.parent.span_id == root.context.span_id
    assert pay.parent.span_id == root.context.span_id
    assert {s.context.trace_id for s in spans.values()} == {root.context.trace_id}
    assert root.attributes["http.route"] == "/checkout"
    assert root.attributes["http.response.status_code"] == 201
    assert pay.attributes["shop.payment.amount_cents"] == 2400
    assert root.resource.attributes["service.name"] == "shop"


# --8<-- [end:spans]


# --8<-- [start:errors]
def test_an_expected_error_is_a_4xx_and_not_a_span_error(telemetry):
    response = shop(telemetry).handle_checkout(Order("o-2", {"tee": 5}, 9900))
    assert response.status == 409
    root = next(s for s in telemetry.finished_spans() if s.name == "POST /checkout")
    assert root.status.status_code is StatusCode.UNSET
    assert root.events == ()


def test_an_unexpected_error_is_recorded_for_us_and_generic_for_the_client(telemetry, caplog):
    with caplog.at_level(logging.ERROR, logger="checkout"):
        response = shop(telemetry, charge=declined).handle_checkout(Order("o-3", {"mug": 1}, 1200))

    assert response.status == 500
    assert "hung up" not in str(response.body) and "ConnectionResetError" not in str(response.body)
    spans = {span.name: span for span in telemetry.finished_spans()}
    root = spans["POST /checkout"]
    assert root.status.status_code is StatusCode.ERROR
    assert root.events[0].name == "exception"
    assert root.events[0].attributes["exception.type"] == "ConnectionResetError"
    # The child span that raised was marked by the SDK itself (start_as_current_span's defaults).
    assert spans["charge payment"].status.status_code is StatusCode.ERROR
    # The log line and the response carry the trace id, so support can go from a ticket to the trace.
    trace_id = format(root.context.trace_id, "032x")
    assert response.body["trace_id"] == trace_id
    assert caplog.records[0].trace_id == trace_id and caplog.records[0].exc_info is not None


# --8<-- [end:errors]


# --8<-- [start:metrics]
def test_metrics_count_outcomes_and_record_durations(telemetry):
    checkout = shop(telemetry)
    checkout.handle_checkout(Order("o-4", {"mug": 1}, 1200))
    checkout.handle_checkout(Order("o-5", {"mug": 1}, 1200))
    checkout.handle_checkout(Order("o-6", {"tee": 9}, 1200))

    counts = {p.attributes["outcome"]: p.value for p in telemetry.metric_points("shop.orders")}
    assert counts == {"placed": 2, "out_of_stock": 1}
    durations = {p.attributes["outcome"]: p for p in telemetry.metric_points("shop.checkout.duration")}
    assert durations["placed"].count == 2
    assert 0 < durations["placed"].sum < 1


# --8<-- [end:metrics]


def test_stock_is_only_taken_when_everything_is_available(telemetry):
    checkout = shop(telemetry)
    assert checkout.handle_checkout(Order("o-7", {"mug": 1, "tee": 2}, 1)).status == 409
    assert checkout.stock == {"mug": 3, "tee": 1}


def test_the_sdk_marks_the_step_that_raised_even_for_an_expected_error(telemetry):
    # The handler keeps the root span clean for an out-of-stock 409, but the "reserve stock" span was opened
    # with the SDK's defaults, which record any escaping exception and set ERROR. (The lesson's exercise 2.)
    shop(telemetry).handle_checkout(Order("o-8", {"tee": 5}, 9900))
    reserve = next(s for s in telemetry.finished_spans() if s.name == "reserve stock")
    assert reserve.status.status_code is StatusCode.ERROR
    assert reserve.events[0].attributes["exception.type"] == "examples.cloud_devops.profiling.checkout.OutOfStock"
