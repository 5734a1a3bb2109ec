"""What a check works with: an HTTP client that records every exchange, expectations, load and restart."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from capstones.grader.model import BODY_LIMIT, HEADER_LIMIT, CheckFailed, Exchange, Message, truncate

T = TypeVar("T")
REQUEST_TIMEOUT_S = 10.0
PROBLEM_TYPE = "application/problem+json"
# Credentials are throwaway, but a report is meant to be shared: show only enough to tell tokens apart.
SECRET_HEADERS = {"authorization", "cookie", "set-cookie"}
SECRET_VISIBLE_CHARS = 12


@dataclass(frozen=True)
class LoadResult:
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    seconds: float

    @property
    def error_rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


def _shown_header(name: str, value: str) -> tuple[str, str]:
    if name.lower() in SECRET_HEADERS and len(value) > SECRET_VISIBLE_CHARS:
        value = value[:SECRET_VISIBLE_CHARS] + "…"
    shown, cut = truncate(value, HEADER_LIMIT)
    return name, shown + ("…" if cut else "")


def _body_text(content: bytes) -> str:
    return content.decode("utf-8", errors="replace")


def record_request(request: httpx.Request) -> Message:
    body, cut = truncate(_body_text(request.content), BODY_LIMIT)
    return Message(
        method=request.method,
        url=str(request.url),
        status=None,
        headers=[_shown_header(k, v) for k, v in request.headers.items()],
        body=body,
        body_truncated=cut,
    )


def record_response(response: httpx.Response) -> Message:
    body, cut = truncate(_body_text(response.content), BODY_LIMIT)
    return Message(
        method=None,
        url=None,
        status=response.status_code,
        headers=[_shown_header(k, v) for k, v in response.headers.items()],
        body=body,
        body_truncated=cut,
    )


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it."""
    if not sorted_values:
        return 0.0
    rank = max(1, int(-(-fraction * len(sorted_values) // 1)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


class Context:
    """Handed to every check. One per check run; `shared` lives for the whole grading run."""

    def __init__(
        self,
        base_url: str,
        client: httpx.Client,
        *,
        budgets: Mapping[str, float],
        shared: dict[str, Any],
        restart: Callable[[], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.client = client
        self.budgets = budgets
        self.shared = shared
        self._restart = restart
        self._lock = threading.Lock()
        self.exchanges: list[Exchange] = []
        self.metrics: dict[str, float | int | str] = {}

    # --- HTTP -------------------------------------------------------------------------------------------

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Send a request and record it; a connection failure fails the check with what was sent."""
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        request = self.client.build_request(method, url, **kwargs)
        try:
            response = self.client.send(request)
        except httpx.HTTPError as error:
            exchange = Exchange(record_request(request), None, f"{type(error).__name__}: {error}")
            self._remember(exchange)
            raise CheckFailed("a response", exchange, got=exchange.error) from error
        response.read()
        self._remember(Exchange(record_request(request), record_response(response)))
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def exchange_of(self, response: httpx.Response) -> Exchange | None:
        with self._lock:
            for exchange in reversed(self.exchanges):
                same_request = (exchange.request.method, exchange.request.url) == (
                    response.request.method,
                    str(response.request.url),
                )
                if exchange.response is not None and same_request:
                    return exchange
        return None

    def _remember(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)

    # --- expectations -----------------------------------------------------------------------------------

    def fail(self, expected: str, response: httpx.Response | None = None, *, got: str | None = None) -> None:
        exchange = self.exchange_of(response) if response is not None else None
        raise CheckFailed(expected, exchange, got=got)

    def expect(self, condition: bool, expected: str, response: httpx.Response | None = None) -> None:
        """Fail with `expected` (what the service should have done) unless `condition` holds."""
        if not condition:
            self.fail(expected, response)

    def expect_status(self, response: httpx.Response, *statuses: int, why: str = "") -> None:
        if response.status_code not in statuses:
            wanted = " or ".join(str(s) for s in statuses)
            self.fail(f"status {wanted}" + (f": {why}" if why else ""), response, got=f"status {response.status_code}")

    def json(self, response: httpx.Response, what: str = "a JSON body") -> Any:
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            self.fail(what, response, got="a body that is not JSON")

    def expect_problem(self, response: httpx.Response, *statuses: int) -> dict[str, Any]:
        """An RFC 9457 problem details response with one of `statuses`; returns the problem object."""
        self.expect_status(response, *statuses)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        self.expect(media_type == PROBLEM_TYPE, f"Content-Type {PROBLEM_TYPE} (RFC 9457)", response)
        problem = self.json(response, "an RFC 9457 problem details object")
        self.expect(isinstance(problem, dict), "a problem details JSON object", response)
        same_status = problem.get("status") == response.status_code
        self.expect(same_status, "a problem whose status member equals the response status", response)
        has_title = isinstance(problem.get("title"), str) and problem["title"] != ""
        self.expect(has_title, "a problem with a title", response)
        return problem

    # --- concurrency, load, restart ---------------------------------------------------------------------

    def concurrently(self, calls: list[Callable[[], T]]) -> list[T]:
        """Run calls at the same time (one thread each), released together so they overlap on the server."""
        barrier = threading.Barrier(len(calls))

        def run(call: Callable[[], T]) -> T:
            barrier.wait()
            return call()

        with ThreadPoolExecutor(max_workers=len(calls)) as pool:
            return list(pool.map(run, calls))

    def load(self, send: Callable[[httpx.Client], httpx.Response], *, requests: int, concurrency: int) -> LoadResult:
        """A bounded load: `requests` calls of `send`, `concurrency` at a time. Errors are 5xx or no response;
        latencies of every call count, failed ones included. Not recorded as exchanges: only numbers."""
        latencies: list[float] = []
        errors = 0
        lock = threading.Lock()
        remaining = iter(range(requests))

        def worker() -> None:
            nonlocal errors
            with httpx.Client(base_url=self.base_url, timeout=REQUEST_TIMEOUT_S) as client:
                while True:
                    with lock:
                        if next(remaining, None) is None:
                            return
                    started = time.perf_counter()
                    try:
                        failed = send(client).status_code >= 500
                    except httpx.HTTPError:
                        failed = True
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        latencies.append(elapsed)
                        errors += failed

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for future in [pool.submit(worker) for _ in range(concurrency)]:
                future.result()
        latencies.sort()
        return LoadResult(
            requests=len(latencies),
            errors=errors,
            p50_ms=round(percentile(latencies, 0.50), 1),
            p95_ms=round(percentile(latencies, 0.95), 1),
            seconds=round(time.perf_counter() - started, 2),
        )

    def restart(self) -> None:
        """Restart the service (the grader's restart command) and wait until it answers again."""
        if self._restart is None:
            raise RuntimeError("restart() called by a check not declared with needs_restart=True")
        self._restart()

    # --- helpers ----------------------------------------------------------------------------------------

    def once(self, key: str, make: Callable[[], T]) -> T:
        """A value made once per grading run and shared by every check (an account, a token)."""
        if key not in self.shared:
            self.shared[key] = make()
        return self.shared[key]

    def unique(self, prefix: str) -> str:
        """A name no earlier run used, so grading the same service twice does not collide."""
        return f"{prefix}-{uuid.uuid4().hex[:10]}"
