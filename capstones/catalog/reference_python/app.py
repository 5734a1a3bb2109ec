"""The catalog HTTP API. Configuration comes from the environment:

DATABASE_URL  PostgreSQL URL
API_TOKENS    comma-separated token:role pairs; role "admin" may write, any other role only reads
"""

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import psycopg
from fastapi import Depends, FastAPI, Header, Path, Query, Response
from pydantic import BaseModel, Field

from . import problems
from .cache import ProductCache
from .conditional import etag_for, match, none_match
from .db import Pool, migrate
from .problems import Problem

MAX_ID = 2**63 - 1  # PostgreSQL bigint: a larger id cannot exist, so it is a 404-worthy input, not a crash
CACHE_CONTROL = "no-cache"  # stores may keep it, but must revalidate with the ETag before reuse
SELECT_PRODUCTS = """
SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.version, p.updated_at,
       coalesce(array_agg(t.tag ORDER BY t.tag) FILTER (WHERE t.tag IS NOT NULL), '{}') AS tags
FROM products p LEFT JOIN product_tags t ON t.product_id = p.id
"""


class ProductIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)
    price_cents: int = Field(ge=0, le=100_000_000, strict=True)
    tags: list[Annotated[str, Field(pattern=r"^[a-z0-9-]{1,40}$")]] = Field(default_factory=list, max_length=20)


class NewProduct(ProductIn):
    sku: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")


def product_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "sku": row["sku"],
        "name": row["name"],
        "description": row["description"],
        "price_cents": row["price_cents"],
        "tags": list(row["tags"]),
        "version": row["version"],
        "updated_at": row["updated_at"].isoformat(),
    }


def parse_tokens(raw: str) -> dict[str, str]:
    pairs = (entry.split(":", 1) for entry in raw.split(",") if ":" in entry)
    return {token.strip(): role.strip() for token, role in pairs}


def create_app() -> FastAPI:
    database_url = os.environ["DATABASE_URL"]
    tokens = parse_tokens(os.environ.get("API_TOKENS", ""))
    cache = ProductCache()
    state: dict[str, Pool] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        migrate(database_url)
        state["pool"] = Pool(database_url, size=int(os.environ.get("DB_POOL_SIZE", "8")))
        yield
        state["pool"].close()

    app = FastAPI(title="Catalog", lifespan=lifespan)
    problems.install(app)

    def admin(authorization: Annotated[str | None, Header()] = None) -> None:
        scheme, _, token = (authorization or "").partition(" ")
        role = tokens.get(token) if scheme.lower() == "bearer" else None
        if role is None:
            raise Problem(401, "Unauthorized", "Send a valid bearer token.")
        if role != "admin":
            raise Problem(403, "Forbidden", "Only an admin token may change the catalog.")

    def load(product_id: int) -> tuple[str, bytes] | None:
        """The product's representation and entity tag: from the cache, or from the database into it."""
        if cached := cache.get(product_id):
            return cached.etag, cached.body
        with state["pool"].transaction() as conn:
            row = conn.execute(SELECT_PRODUCTS + " WHERE p.id = %s GROUP BY p.id", (product_id,)).fetchone()
        if row is None:
            return None
        etag, body = etag_for(row["id"], row["version"]), json.dumps(product_json(row)).encode()
        cache.put(product_id, etag, body)
        return etag, body

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/products")
    def list_products(
        q: Annotated[str | None, Query(max_length=200)] = None,
        tag: Annotated[str | None, Query(max_length=40)] = None,
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
    ) -> Response:
        where, params, order = [], [], "p.id"
        if q:
            # websearch_to_tsquery parses what people type (quotes, -words, or) and never raises on odd input.
            where.append("p.search @@ websearch_to_tsquery('english', %s)")
            params.append(q)
            order = "ts_rank(p.search, websearch_to_tsquery('english', %s)) DESC, p.id"
        if tag:
            where.append("EXISTS (SELECT 1 FROM product_tags f WHERE f.product_id = p.id AND f.tag = %s)")
            params.append(tag)
        sql = SELECT_PRODUCTS + (" WHERE " + " AND ".join(where) if where else "") + f" GROUP BY p.id ORDER BY {order}"
        sql += " LIMIT %s OFFSET %s"
        ordering = [q] if q else []
        with state["pool"].transaction() as conn:
            # One query for the page and its tags (a join), however many products it holds: no N+1.
            rows = conn.execute(sql, [*params, *ordering, limit, offset]).fetchall()
        # Serialized here rather than by FastAPI's generic encoder: a 100-product page is the hot path.
        return Response(json.dumps({"items": [product_json(row) for row in rows]}), media_type="application/json")

    @app.get("/products/{product_id}")
    def get_product(
        product_id: Annotated[int, Path(ge=1, le=MAX_ID)],
        if_none_match: Annotated[str | None, Header()] = None,
    ) -> Response:
        found = load(product_id)
        if found is None:
            raise Problem(404, "Not Found", "No such product.")
        etag, body = found
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if none_match(if_none_match, etag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    @app.post("/products", status_code=201, dependencies=[Depends(admin)])
    def create_product(product: NewProduct, response: Response) -> dict[str, Any]:
        try:
            with state["pool"].transaction() as conn:
                row = conn.execute(
                    "INSERT INTO products (sku, name, description, price_cents) VALUES (%s, %s, %s, %s) RETURNING id",
                    (product.sku, product.name, product.description, product.price_cents),
                ).fetchone()
                save_tags(conn, row["id"], product.tags)
                row = conn.execute(SELECT_PRODUCTS + " WHERE p.id = %s GROUP BY p.id", (row["id"],)).fetchone()
        except psycopg.errors.UniqueViolation as exc:
            raise Problem(409, "Conflict", "A product with this SKU exists.") from exc
        response.headers["Location"] = f"/products/{row['id']}"
        response.headers["ETag"] = etag_for(row["id"], row["version"])
        return product_json(row)

    @app.put("/products/{product_id}", dependencies=[Depends(admin)])
    def update_product(
        product_id: Annotated[int, Path(ge=1, le=MAX_ID)],
        product: ProductIn,
        response: Response,
        if_match: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        with state["pool"].transaction() as conn:
            # FOR UPDATE: a concurrent PUT waits here, then sees the new version and fails its precondition.
            current = conn.execute(
                "SELECT id, version FROM products WHERE id = %s FOR UPDATE", (product_id,)
            ).fetchone()
            if current is None:
                raise Problem(404, "Not Found", "No such product.")
            if if_match is None:
                raise Problem(428, "Precondition Required", "Send If-Match with the ETag you last read.")
            if not match(if_match, etag_for(current["id"], current["version"])):
                raise Problem(412, "Precondition Failed", "The product changed since you read it; read it again.")
            conn.execute(
                "UPDATE products SET name = %s, description = %s, price_cents = %s, version = version + 1,"
                " updated_at = now() WHERE id = %s",
                (product.name, product.description, product.price_cents, product_id),
            )
            save_tags(conn, product_id, product.tags)
            row = conn.execute(SELECT_PRODUCTS + " WHERE p.id = %s GROUP BY p.id", (product_id,)).fetchone()
        # After the commit: a reader that misses the cache now loads the new version.
        cache.invalidate(product_id)
        response.headers["ETag"] = etag_for(row["id"], row["version"])
        return product_json(row)

    def save_tags(conn: psycopg.Connection, product_id: int, tags: list[str]) -> None:
        conn.execute("DELETE FROM product_tags WHERE product_id = %s", (product_id,))
        for tag in sorted(set(tags)):
            conn.execute("INSERT INTO product_tags (product_id, tag) VALUES (%s, %s)", (product_id, tag))

    return app
