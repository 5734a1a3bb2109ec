"""Exercise: the proxy that kept waiting after its callers had given up.

Symptom: the storefront calls `Catalog.GetBook` on an edge service (this proxy) with a 300 ms deadline; the proxy
forwards each call to the catalog service. During a catalog slowdown the storefront saw DEADLINE_EXCEEDED as
expected, but the proxy's worker threads stayed busy waiting on the catalog for minutes, the proxy stopped
answering anything, and the catalog kept working on requests nobody wanted any more. On normal days, a missing
book reaches the storefront as UNKNOWN instead of NOT_FOUND, so it retries calls that can never succeed.

Diagnose it with the check (`make exercise ID=apis/api_styles_beyond_rest/grpc_deadline`). gRPC for Python does
not carry a server's incoming deadline over to the calls it makes: pass the time that is left on to the catalog,
and give the caller the catalog's status code and message instead of a generic error.
"""

from __future__ import annotations

import grpc

from examples.apis.api_styles import catalog_pb2, catalog_pb2_grpc


class CatalogProxy(catalog_pb2_grpc.CatalogServicer):
    """Serves GetBook by asking the catalog service behind it."""

    def __init__(self, downstream: grpc.Channel) -> None:
        self.catalog = catalog_pb2_grpc.CatalogStub(downstream)

    def GetBook(self, request: catalog_pb2.GetBookRequest, context: grpc.ServicerContext) -> catalog_pb2.Book:
        return self.catalog.GetBook(request)
