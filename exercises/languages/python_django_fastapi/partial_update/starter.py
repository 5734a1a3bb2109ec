"""Items service with a PATCH endpoint that partners use to edit one field at a time.

Incident ITEMS-207: since the partner portal started sending price-only edits, `PATCH /items/{id}` with
`{"price_cents": 1499}` answers 500, and afterwards `GET` on the same item answers 500 too. Partners also
report that a typo (`{"price": 1499}`) answers 200 and changes nothing, and that `PATCH /items/999` is a
500 instead of a 404. Fix the PATCH so that it changes exactly the fields the client sent, validates them
as strictly as creation does, and never leaves a broken item behind.
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException


class Item(BaseModel):
    id: int
    name: str
    price_cents: int


class ItemPatch(BaseModel):
    name: str | None = None
    price_cents: int | None = None


def _problem(status: int, detail: str, **extra: object) -> JSONResponse:
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def create_app() -> FastAPI:
    items = {1: Item(id=1, name="Keyboard", price_cents=4999), 2: Item(id=2, name="Mouse", price_cents=1999)}
    app = FastAPI(title="Items")

    @app.exception_handler(HTTPException)
    async def http_problem(request: Request, exc: HTTPException) -> JSONResponse:
        return _problem(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(error["loc"]), "msg": error["msg"]} for error in exc.errors()]
        return _problem(422, "The request did not match the schema", errors=errors)

    @app.get("/items/{item_id}")
    def get_item(item_id: int) -> Item:
        if item_id not in items:
            raise HTTPException(status_code=404, detail=f"No item with id {item_id}")
        return items[item_id]

    @app.patch("/items/{item_id}")
    def patch_item(item_id: int, patch: ItemPatch) -> Item:
        updated = items[item_id].model_copy(update=patch.model_dump())
        items[item_id] = updated
        return updated

    return app
