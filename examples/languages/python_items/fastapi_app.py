"""The items API in FastAPI: pydantic models at the boundary, problem details for every error."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException


# --8<-- [start:app]
class Item(BaseModel):
    """What clients see: the response model."""

    id: int
    name: str
    price_cents: int


class StoredItem(Item):
    """What the service keeps: one field more, which must never reach a client."""

    supplier_cost_cents: int


ITEMS: dict[int, StoredItem] = {
    1: StoredItem(id=1, name="Keyboard", price_cents=4999, supplier_cost_cents=2100),
    2: StoredItem(id=2, name="Mouse", price_cents=1999, supplier_cost_cents=700),
}

app = FastAPI(title="Items")


def problem(request: Request, status: int, detail: str, **extra: object) -> JSONResponse:
    # RFC 9457: a machine-readable error body with its own media type.
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    body |= {"instance": request.url.path, **extra}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


# Starlette's HTTPException, not FastAPI's subclass: the router raises Starlette's own for an
# unknown path or a wrong method, and a handler for the subclass would never see those.
@app.exception_handler(HTTPException)
async def http_problem(request: Request, exc: HTTPException) -> JSONResponse:
    return problem(request, exc.status_code, str(exc.detail))


@app.exception_handler(RequestValidationError)
async def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": list(error["loc"]), "msg": error["msg"]} for error in exc.errors()]
    return problem(request, 422, "The request did not match the schema", errors=errors)


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> Item:
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail=f"No item with id {item_id}")
    return item  # a StoredItem; the declared return type Item filters it down to Item's fields


# --8<-- [end:app]
