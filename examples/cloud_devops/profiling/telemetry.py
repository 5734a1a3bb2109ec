"""OpenTelemetry SDK wiring that keeps everything in memory, so tests can read the spans and metrics back.

In production the same providers get an OTLP exporter (to a Collector) instead of the in-memory ones.
Providers are passed around rather than installed globally: the global provider can be set only once per
process, which would make tests depend on each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


# --8<-- [start:setup]
@dataclass
class Telemetry:
    tracer_provider: TracerProvider
    meter_provider: MeterProvider
    spans: InMemorySpanExporter
    metrics: InMemoryMetricReader

    def finished_spans(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    def metric_points(self, name: str) -> list[Any]:
        """Every data point of one metric, from one collection."""
        data = self.metrics.get_metrics_data()
        assert data is not None
        return [
            point
            for resource in data.resource_metrics
            for scope in resource.scope_metrics
            for metric in scope.metrics
            if metric.name == name
            for point in metric.data.data_points
        ]


def in_memory_telemetry(service: str) -> Telemetry:
    # The resource says who emits the telemetry; service.name is the attribute every backend groups by.
    resource = Resource.create({"service.name": service, "service.version": "1.4.2"})
    spans = InMemorySpanExporter()
    tracer_provider = TracerProvider(resource=resource)
    # SimpleSpanProcessor exports each span as it ends: right for tests. Production uses BatchSpanProcessor.
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    metrics = InMemoryMetricReader()
    meter_provider = MeterProvider(resource=resource, metric_readers=[metrics])
    return Telemetry(tracer_provider, meter_provider, spans, metrics)


# --8<-- [end:setup]
