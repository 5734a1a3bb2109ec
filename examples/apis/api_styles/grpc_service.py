"""A gRPC catalog service and client: a unary call, a server-streaming call, deadlines and status codes.

The message and stub classes are generated from catalog.proto (see generate.py); this module only
implements the service and shows how a client calls it. The server listens on 127.0.0.1 with an
ephemeral port and no TLS, which is fine inside a test; production servers use TLS credentials.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import grpc

from examples.apis.api_styles import catalog_pb2, catalog_pb2_grpc

SAMPLE_BOOKS = {
    1: catalog_pb2.Book(id=1, title="Dune", author="Frank Herbert", year=1965),
    2: catalog_pb2.Book(id=2, title="Children of Dune", author="Frank Herbert", year=1976),
    3: catalog_pb2.Book(id=3, title="The Left Hand of Darkness", author="Ursula K. Le Guin", year=1969),
}


# --8<-- [start:servicer]
class CatalogService(catalog_pb2_grpc.CatalogServicer):
    def __init__(self, books: Mapping[int, catalog_pb2.Book], latency: float = 0.0) -> None:
        self.books = books
        self.latency = latency  # seconds per call or per streamed item: a slow back end, for the deadline demo

    def GetBook(self, request: catalog_pb2.GetBookRequest, context: grpc.ServicerContext) -> catalog_pb2.Book:
        if request.id <= 0:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "id must be a positive integer")  # raises
        time.sleep(self.latency)
        book = self.books.get(request.id)
        if book is None:
            context.abort(grpc.StatusCode.NOT_FOUND, f"no book with id {request.id}")
        return book

    def ListBooks(
        self, request: catalog_pb2.ListBooksRequest, context: grpc.ServicerContext
    ) -> Iterator[catalog_pb2.Book]:
        for book_id in sorted(self.books):
            if not context.is_active():  # the client cancelled or its deadline passed: stop working
                return
            book = self.books[book_id]
            if request.author and book.author != request.author:
                continue
            time.sleep(self.latency)
            yield book  # each yield is sent to the client at once, as one message on the stream


# --8<-- [end:servicer]


# --8<-- [start:server]
@contextmanager
def running_server(service: CatalogService) -> Iterator[str]:
    """Start the service on a free local port; yield its address; stop it on exit."""
    server = grpc.server(ThreadPoolExecutor(max_workers=4))
    catalog_pb2_grpc.add_CatalogServicer_to_server(service, server)
    port = server.add_insecure_port("127.0.0.1:0")  # port 0: the OS picks a free one
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(grace=None)


# --8<-- [end:server]


# --8<-- [start:client]
def find_book(channel: grpc.Channel, book_id: int, timeout: float = 1.0) -> catalog_pb2.Book | None:
    """Unary call with a deadline; NOT_FOUND becomes None, every other status propagates."""
    stub = catalog_pb2_grpc.CatalogStub(channel)
    try:
        return stub.GetBook(catalog_pb2.GetBookRequest(id=book_id), timeout=timeout)
    except grpc.RpcError as error:
        if error.code() == grpc.StatusCode.NOT_FOUND:
            return None
        raise


def titles_by(channel: grpc.Channel, author: str, timeout: float = 1.0) -> list[str]:
    """Server-streaming call: the deadline covers the whole stream, not each message."""
    stub = catalog_pb2_grpc.CatalogStub(channel)
    return [book.title for book in stub.ListBooks(catalog_pb2.ListBooksRequest(author=author), timeout=timeout)]


# --8<-- [end:client]
