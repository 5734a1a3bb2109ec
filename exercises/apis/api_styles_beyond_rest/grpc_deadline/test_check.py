"""Acceptance check: the proxy gives the catalog exactly the time its caller has left, so the catalog's work is
cancelled when the caller gives up, and the caller sees the catalog's status codes and messages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import grpc
import pytest

from examples.apis.api_styles import catalog_pb2, catalog_pb2_grpc
from exercises import load_module


class SlowCatalog(catalog_pb2_grpc.CatalogServicer):
    """The catalog behind the proxy: records the deadline it was given and when its call ended."""

    def __init__(self) -> None:
        self.remaining: list[float | None] = []
        self.ended = threading.Event()
        self.release = threading.Event()
        self.hang = False

    def GetBook(self, request: catalog_pb2.GetBookRequest, context: grpc.ServicerContext) -> catalog_pb2.Book:
        self.remaining.append(context.time_remaining())
        context.add_callback(self.ended.set)  # runs when the call ends: answered, cancelled or timed out
        if self.hang:
            self.release.wait(10)
        if request.id <= 0:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "id must be a positive integer")
        if request.id == 99:
            context.abort(grpc.StatusCode.NOT_FOUND, "no book with id 99")
        return catalog_pb2.Book(id=request.id, title="Dune", author="Frank Herbert", year=1965)


@contextmanager
def serving(servicer: Any) -> Iterator[str]:
    server = grpc.server(ThreadPoolExecutor(max_workers=4))
    catalog_pb2_grpc.add_CatalogServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(grace=None)


@contextmanager
def proxy_in_front_of(answer: Path, catalog: SlowCatalog) -> Iterator[catalog_pb2_grpc.CatalogStub]:
    with serving(catalog) as catalog_address, grpc.insecure_channel(catalog_address) as downstream:
        proxy = load_module(answer).CatalogProxy(downstream)
        with serving(proxy) as proxy_address, grpc.insecure_channel(proxy_address) as channel:
            try:
                yield catalog_pb2_grpc.CatalogStub(channel)
            finally:
                catalog.release.set()  # never leave a catalog thread blocked behind the test


@pytest.mark.starter_passes
def test_a_book_passes_through(answer: Path) -> None:
    with proxy_in_front_of(answer, SlowCatalog()) as stub:
        assert stub.GetBook(catalog_pb2.GetBookRequest(id=1), timeout=2).title == "Dune"


@pytest.mark.parametrize("timeout", [0.8, 3.0])
def test_the_catalog_gets_the_time_the_caller_has_left(answer: Path, timeout: float) -> None:
    catalog = SlowCatalog()
    with proxy_in_front_of(answer, catalog) as stub:
        stub.GetBook(catalog_pb2.GetBookRequest(id=1), timeout=timeout)
    (remaining,) = catalog.remaining
    # gRPC Python reports "no deadline" as an enormous number of seconds.
    assert remaining is not None and remaining < 1e6, "the proxy called the catalog without a deadline"
    # grpc-timeout travels in whole units, so allow a few milliseconds of rounding above the caller's value.
    assert timeout - 0.5 < remaining <= timeout + 0.05, (
        f"the caller allowed {timeout} s, the catalog was given {remaining:.2f} s: pass on context.time_remaining()"
    )


def test_the_catalogs_work_is_cancelled_when_the_caller_gives_up(answer: Path) -> None:
    catalog = SlowCatalog()
    catalog.hang = True
    with proxy_in_front_of(answer, catalog) as stub:
        with pytest.raises(grpc.RpcError) as raised:
            stub.GetBook(catalog_pb2.GetBookRequest(id=1), timeout=0.3)
        assert raised.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        assert catalog.ended.wait(3), "the catalog's call was still running long after the caller's deadline"


@pytest.mark.parametrize(
    ("book_id", "code", "message"),
    [(99, grpc.StatusCode.NOT_FOUND, "no book with id 99"), (-1, grpc.StatusCode.INVALID_ARGUMENT, "positive")],
)
def test_the_caller_sees_the_catalogs_status(answer: Path, book_id: int, code: grpc.StatusCode, message: str) -> None:
    with proxy_in_front_of(answer, SlowCatalog()) as stub, pytest.raises(grpc.RpcError) as raised:
        stub.GetBook(catalog_pb2.GetBookRequest(id=book_id), timeout=2)
    assert raised.value.code() == code, f"got {raised.value.code().name}: callers decide retries on this code"
    assert message in raised.value.details()
