"""Items service with a PATCH endpoint that partners use to edit one field at a time.

Fixed: the patch model carries the same constraints as creation, refuses unknown fields and explicit
nulls, and only the fields the client actually sent (`exclude_unset=True`) are applied.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException


class Item(BaseModel):
    id: int
    name: str
    price_cents: int


class ItemPatch(BaseModel):
    # A typo such as "price" must be an error, not a silent no-op.
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    price_cents: Annotated[int, Field(ge=0)] | None = None

    @field_validator("name", "price_cents")
    @classmethod
    def no_explicit_null(cls, value: object) -> object:
        # Defaults are not validated, so this runs only for a value the client sent: leaving a field out
        # means "keep it", while null would mean "remove it", and neither field can be removed.
        if value is None:
            raise ValueError("may be left out, but not set to null")
        return value


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
        if item_id not in items:
            raise HTTPException(status_code=404, detail=f"No item with id {item_id}")
        # Only what the client sent: a field left out keeps its value.
        updated = items[item_id].model_copy(update=patch.model_dump(exclude_unset=True))
        items[item_id] = updated
        return updated

    return app
