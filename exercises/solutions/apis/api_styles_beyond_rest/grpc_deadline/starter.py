"""A reference solution: the outgoing call carries the incoming call's remaining time, so the catalog's work is
cancelled with the caller's, and a failed catalog call is reported to the caller with its own code and message."""

from __future__ import annotations

import grpc

from examples.apis.api_styles import catalog_pb2, catalog_pb2_grpc

NO_DEADLINE = 1e6  # gRPC Python reports a call without a deadline as an enormous time_remaining()


class CatalogProxy(catalog_pb2_grpc.CatalogServicer):
    def __init__(self, downstream: grpc.Channel) -> None:
        self.catalog = catalog_pb2_grpc.CatalogStub(downstream)

    def GetBook(self, request: catalog_pb2.GetBookRequest, context: grpc.ServicerContext) -> catalog_pb2.Book:
        remaining = context.time_remaining()
        # Python does not propagate deadlines by itself: hand on what is left, and cap a caller that set none.
        timeout = remaining if remaining is not None and remaining < NO_DEADLINE else 5.0
        try:
            return self.catalog.GetBook(request, timeout=timeout)
        except grpc.RpcError as error:
            # Keep the catalog's verdict: NOT_FOUND and INVALID_ARGUMENT must not look retryable.
            context.abort(error.code(), error.details() or "")
