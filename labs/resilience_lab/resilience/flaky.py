"""A dependency that fails on purpose: as an HTTP app (FastAPI) and as an httpx transport (for timeouts)."""

from __future__ import annotations

from collections.abc import Iterable

import httpx
from fastapi import FastAPI, Response


class Script:
    """Outcomes to play in order ("ok", "503", "500", "429", "400", "timeout", "reset"); the last one repeats."""

    def __init__(self, outcomes: Iterable[str]) -> None:
        self.outcomes = list(outcomes) or ["ok"]
        self.calls = 0

    def next(self) -> str:
        outcome = self.outcomes[min(self.calls, len(self.outcomes) - 1)]
        self.calls += 1
        return outcome


def create_flaky_app(script: Script) -> FastAPI:
    app = FastAPI(title="Flaky inventory service")

    @app.get("/stock/{sku}")
    def stock(sku: str, response: Response) -> dict[str, object]:
        outcome = script.next()
        if outcome == "ok":
            return {"sku": sku, "in_stock": 7}
        response.status_code = int(outcome)
        if outcome == "429":
            response.headers["Retry-After"] = "2"
        return {"error": f"simulated {outcome}"}

    return app


def flaky_transport(script: Script) -> httpx.MockTransport:
    """Like the app, but can also simulate network failures that an in-process app cannot."""

    def handler(request: httpx.Request) -> httpx.Response:
        outcome = script.next()
        if outcome == "timeout":
            raise httpx.ReadTimeout("simulated: no response within the timeout", request=request)
        if outcome == "reset":
            raise httpx.ConnectError("simulated: connection reset", request=request)
        if outcome == "ok":
            return httpx.Response(200, json={"sku": request.url.path.rsplit("/", 1)[-1], "in_stock": 7})
        headers = {"Retry-After": "2"} if outcome == "429" else {}
        return httpx.Response(int(outcome), json={"error": outcome}, headers=headers)

    return httpx.MockTransport(handler)
