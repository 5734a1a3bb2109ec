"""A mock server generated from the contract, so the frontend can start before the backend exists."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from examples.communication.api_contracts.contract import Contract, load_contract


# --8<-- [start:mock]
def build_mock(contract: Contract) -> FastAPI:
    """Serve each operation's documented example; `Prefer: code=404` picks another documented status."""
    app = FastAPI(title=f"Mock of {contract['info']['title']}")
    for path, methods in contract["paths"].items():
        for method, op in methods.items():
            app.add_api_route(path, _handler(op), methods=[method.upper()], name=op["operationId"])
    return app


def _handler(op: dict[str, Any]) -> Callable[[Request], Awaitable[JSONResponse]]:
    async def respond(request: Request) -> JSONResponse:
        wanted = _preferred_code(request.headers.get("prefer", "")) or _first_success(op)
        if wanted not in op["responses"]:
            return JSONResponse({"title": f"The contract documents no {wanted} response"}, status_code=501)
        [(media_type, media)] = op["responses"][wanted]["content"].items()
        return JSONResponse(media["example"], status_code=int(wanted), media_type=media_type)

    return respond


def _first_success(op: dict[str, Any]) -> str:
    return next(code for code in op["responses"] if code.startswith("2"))


def _preferred_code(prefer: str) -> str | None:
    """`code=404` among the header's preferences; others, such as RFC 7240's `return=minimal`, are not ours."""
    for preference in prefer.split(","):
        name, _, value = preference.strip().partition("=")
        if name.strip().lower() == "code":
            return value.strip().strip('"')
    return None


# --8<-- [end:mock]


app = build_mock(load_contract())
