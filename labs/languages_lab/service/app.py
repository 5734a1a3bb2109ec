"""The lab's items service: the same contract as the chapter's examples, plus listing and creation."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from labs.languages_lab.service.repository import Item, ItemRepository, seeded

PROBLEM = "application/problem+json"
TITLES = {400: "Bad Request", 404: "Not Found", 422: "Unprocessable Content"}


class ItemOut(BaseModel):
    id: int
    name: str
    price_cents: int


class ItemIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    price_cents: Annotated[int, Field(ge=0)]


def _problem(status: int, detail: str, **extra: object) -> JSONResponse:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _out(item: Item) -> ItemOut:
    return ItemOut(id=item.id, name=item.name, price_cents=item.price_cents)


def create_app(repository: ItemRepository | None = None) -> FastAPI:
    repo = repository if repository is not None else seeded()
    app = FastAPI(title="Languages lab: items")

    @app.exception_handler(HTTPException)
    async def http_problem(request: Request, exc: HTTPException) -> JSONResponse:
        return _problem(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_problem(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(error["loc"]), "msg": error["msg"]} for error in exc.errors()]
        return _problem(422, "The request did not match the schema", errors=errors)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/items")
    def list_items(
        limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Annotated[int, Query(ge=0)] = 0
    ) -> list[ItemOut]:
        return [_out(item) for item in repo.list(limit, offset)]

    @app.get("/items/{item_id}")
    def get_item(item_id: int) -> ItemOut:
        item = repo.get(item_id)
        if item is None:
            raise HTTPException(status_code=404, detail=f"No item with id {item_id}")
        return _out(item)

    @app.post("/items", status_code=201)
    def add_item(payload: ItemIn, response: Response) -> ItemOut:
        item = repo.add(payload.name, payload.price_cents)
        response.headers["Location"] = f"/items/{item.id}"
        return _out(item)

    return app


app = create_app()
