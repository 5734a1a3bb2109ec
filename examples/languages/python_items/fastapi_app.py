"""The items API in FastAPI: pydantic models at the boundary, problem details for errors."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel


# --8<-- [start:app]
class Item(BaseModel):
    id: int
    name: str
    price_cents: int


ITEMS: dict[int, Item] = {
    1: Item(id=1, name="Keyboard", price_cents=4999),
    2: Item(id=2, name="Mouse", price_cents=1999),
}

app = FastAPI(title="Items")


@app.exception_handler(HTTPException)
async def problem_details(request: Request, exc: HTTPException) -> JSONResponse:
    # RFC 9457: a machine-readable error body with its own media type.
    body = {"type": "about:blank", "title": "Not Found" if exc.status_code == 404 else "Error"}
    body |= {"status": exc.status_code, "detail": str(exc.detail), "instance": request.url.path}
    return JSONResponse(body, status_code=exc.status_code, media_type="application/problem+json")


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> Item:
    item = ITEMS.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail=f"No item with id {item_id}")
    return item


# --8<-- [end:app]
