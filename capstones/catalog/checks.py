"""The catalog capstone's checks: a read-heavy product catalog with an in-process cache, entity tags and
conditional requests (RFC 9110), full-text search and a latency budget, graded over HTTP without its source.

API_TOKENS in the service's environment holds the two tokens below: one admin (may write), one viewer.
"""

from __future__ import annotations

import random
import string
from pathlib import Path
from typing import Any

import httpx
import jsonschema

from capstones.grader import Context, Group, Suite
from capstones.grader.openapi import auth, component_schema

suite = Suite("catalog")

ADMIN, VIEWER = "admin-token-71c2d9", "viewer-token-4b8e05"
API_TOKENS = f"{ADMIN}:admin,{VIEWER}:viewer"
LEAK_MARKERS = ("Traceback (most recent call last)", 'File "/', "    at ", "node_modules", "psycopg", "SQLSTATE")
BENCH_PRODUCTS = 100

OPENAPI = Path(__file__).with_name("openapi.yaml")


def schema(name: str) -> dict[str, Any]:
    return component_schema(OPENAPI, name)


def word(length: int = 10) -> str:
    """A made-up word no English stemmer changes and no other product contains: letters only."""
    return "".join(random.choices(string.ascii_lowercase, k=length))  # noqa: S311 - test data, not a secret


def a_product(**fields: Any) -> dict[str, Any]:
    body = {"sku": f"SKU-{word(8)}", "name": "Storm lantern", "description": "Brass, for camping", "price_cents": 2599}
    return body | fields


def create(ctx: Context, **fields: Any) -> tuple[dict[str, Any], str]:
    """A new product and the ETag its creation returned."""
    response = ctx.post("/products", json=a_product(**fields), headers=auth(ADMIN))
    ctx.expect_status(response, 201, why="an admin creates a valid product")
    product = ctx.json(response)
    etag = response.headers.get("etag", "")
    ctx.expect(etag.startswith('"'), "a strong ETag on the created product", response)
    return product, etag


def require(ctx: Context, condition: bool, expected: str, *, got: str) -> None:
    if not condition:
        ctx.fail(expected, got=got)


def expect_no_leak(ctx: Context, response: httpx.Response) -> None:
    leaked = [marker for marker in LEAK_MARKERS if marker in response.text]
    ctx.expect(not leaked, "an error body without stack traces or driver messages", response)


def put(ctx: Context, product_id: int, if_match: str | None, token: str = ADMIN, **fields: Any) -> httpx.Response:
    body = {"name": "Storm lantern", "description": "Brass, for camping", "price_cents": 2599} | fields
    headers = (auth(token) if token else {}) | ({"If-Match": if_match} if if_match is not None else {})
    return ctx.put(f"/products/{product_id}", json=body, headers=headers)


# --- contract -----------------------------------------------------------------------------------------------


@suite.check(
    "contract.create-and-read",
    group=Group.CONTRACT,
    title="POST /products creates a product with a Location and an ETag; GET returns it with the same ETag",
    lessons=["apis/rest-design", "apis/openapi-testing", "web-foundations/http-caching"],
    evidence={"rest": "junior", "api-docs": "junior", "http": "junior"},
)
def create_and_read(ctx: Context) -> None:
    response = ctx.post("/products", json=a_product(tags=["outdoor", "lighting"]), headers=auth(ADMIN))
    ctx.expect_status(response, 201)
    product = ctx.json(response)
    try:
        jsonschema.validate(product, schema("Product"))
    except jsonschema.ValidationError as error:
        ctx.fail(f"a Product as openapi.yaml defines it ({error.message})", response)
    ctx.expect(product["tags"] == ["lighting", "outdoor"], "tags sorted and kept", response)
    location = response.headers.get("location", "")
    ctx.expect(location.endswith(f"/products/{product['id']}"), "a Location header ending /products/{id}", response)
    read = ctx.get(location)
    ctx.expect_status(read, 200, why="anyone may read the catalog")
    ctx.expect(ctx.json(read) == product, "the same product at its Location", read)
    ctx.expect(read.headers.get("etag") == response.headers.get("etag"), "the ETag the creation returned", read)
    ctx.expect("cache-control" in read.headers, "a Cache-Control header saying how caches may reuse it", read)


@suite.check(
    "contract.search",
    group=Group.CONTRACT,
    title="GET /products?q= finds products by words of their name or description, in any case; tag and limit filter",
    lessons=["architecture/search-and-specialised-stores", "databases/fast-sql"],
    evidence={"search-stores": "junior", "sql-performance": "junior"},
)
def search(ctx: Context) -> None:
    in_name, in_description, tag = word(), word(), word(8)
    wanted, _ = create(ctx, name=f"Lantern {in_name}", description=f"Glass {in_description}", tags=[tag])
    create(ctx, name="Camping stove", description="Steel", tags=[tag])
    for query in (in_name.upper(), in_description, f"lantern {in_name}"):
        response = ctx.get("/products", params={"q": query})
        ctx.expect_status(response, 200)
        items = ctx.json(response).get("items")
        ids = [item.get("id") for item in items]
        ctx.expect(ids == [wanted["id"]], f"exactly the product whose text has {query!r}", response)
    nothing = ctx.get("/products", params={"q": word()})
    ctx.expect(ctx.json(nothing).get("items") == [], "no items for a word no product has", nothing)
    tagged = ctx.get("/products", params={"tag": tag, "limit": 1})
    ctx.expect(len(ctx.json(tagged).get("items", [])) == 1, "limit=1 returns one item", tagged)
    both = ctx.get("/products", params={"tag": tag})
    ctx.expect(len(ctx.json(both).get("items", [])) == 2, "the two products with the tag", both)


@suite.check(
    "contract.conditional-get",
    group=Group.CONTRACT,
    title="If-None-Match with the current ETag, its weak form, a list holding it, or * answers 304 without a body",
    lessons=["web-foundations/http-caching", "web-foundations/http-semantics"],
    evidence={"http": "mid"},
)
def conditional_get(ctx: Context) -> None:
    product, etag = create(ctx)
    path = f"/products/{product['id']}"
    for header in (etag, f"W/{etag}", f'"not-this-one", {etag}', "*"):
        response = ctx.get(path, headers={"If-None-Match": header})
        ctx.expect_status(response, 304, why=f"If-None-Match: {header} matches (weak comparison, RFC 9110 13.1.2)")
        ctx.expect(response.content == b"", "a 304 without a body", response)
        ctx.expect(response.headers.get("etag") == etag, "the ETag repeated on the 304", response)
    other = ctx.get(path, headers={"If-None-Match": '"not-this-one"'})
    ctx.expect_status(other, 200, why="a tag that does not match gets the full representation")


# --- errors and validation ----------------------------------------------------------------------------------


@suite.check(
    "errors.validation",
    group=Group.ERRORS,
    title="Invalid products get 422 problem details; a duplicate SKU gets 409",
    lessons=["security/input-validation", "apis/rest-design"],
    evidence={"validation": "junior", "rest": "mid"},
)
def validation(ctx: Context) -> None:
    invalid = [
        a_product(price_cents=-1),
        a_product(price_cents="12"),
        a_product(name=""),
        a_product(tags=["Not A Tag!"]),
        {"name": "No SKU", "price_cents": 100},
        ["not", "an", "object"],
    ]
    for body in invalid:
        response = ctx.post("/products", json=body, headers=auth(ADMIN))
        ctx.expect_problem(response, 400, 422)
        expect_no_leak(ctx, response)
    product, _ = create(ctx)
    duplicate = ctx.post("/products", json=a_product(sku=product["sku"]), headers=auth(ADMIN))
    ctx.expect_problem(duplicate, 409)


@suite.check(
    "errors.bad-requests",
    group=Group.ERRORS,
    title="Unknown or impossible ids get 404 or 422, out-of-range paging gets 400 or 422, never a 500",
    lessons=["apis/rest-design", "architecture/overload-and-backpressure"],
    evidence={"rest": "junior", "resilience": "mid"},
)
def bad_requests(ctx: Context) -> None:
    for path in ("/products/987654321", "/products/0", "/products/not-a-number", "/products/99999999999999999999"):
        response = ctx.get(path)
        ctx.expect_problem(response, 404, 422)
        expect_no_leak(ctx, response)
    for params in ({"limit": "1000"}, {"limit": "-1"}, {"limit": "ten"}, {"offset": "-5"}):
        response = ctx.get("/products", params=params)
        ctx.expect_problem(response, 400, 422)


# --- security -----------------------------------------------------------------------------------------------


@suite.check(
    "security.authorization",
    group=Group.SECURITY,
    title="Writes need a token (401 without) and the admin role (403 for a viewer); refused writes change nothing",
    lessons=["security/authentication-and-access-control"],
    evidence={"access-control": "junior"},
)
def authorization(ctx: Context) -> None:
    ctx.expect_problem(ctx.post("/products", json=a_product()), 401)
    ctx.expect_problem(ctx.post("/products", json=a_product(), headers=auth(VIEWER)), 403)
    product, etag = create(ctx)
    ctx.expect_problem(put(ctx, product["id"], etag, token="", name="Anonymous edit"), 401)
    ctx.expect_problem(put(ctx, product["id"], etag, token=VIEWER, name="Viewer edit"), 403)
    now = ctx.get(f"/products/{product['id']}")
    ctx.expect(ctx.json(now).get("name") == "Storm lantern", "the product unchanged by refused writes", now)


@suite.check(
    "security.injection",
    group=Group.SECURITY,
    title="Search text is data, never SQL: quotes and SQL fragments find nothing and break nothing",
    lessons=["security/sql-injection"],
    evidence={"injection": "junior"},
)
def injection(ctx: Context) -> None:
    create(ctx)
    for query in (f"{word()}') OR ('a' = 'a", f"{word()}' OR '1'='1", "O'Brien's lantern"):
        response = ctx.get("/products", params={"q": query})
        ctx.expect_status(response, 200, why="search text with quotes is just text")
        items = ctx.json(response).get("items")
        if "Brien" not in query:
            ctx.expect(items == [], f"no products for {query!r}: the quote must not end the string", response)


# --- robustness ---------------------------------------------------------------------------------------------


@suite.check(
    "robustness.conditional-update",
    group=Group.ROBUSTNESS,
    title="PUT needs If-Match (428 without), refuses a stale or weak tag (412) and returns the new ETag",
    lessons=["web-foundations/http-caching", "apis/rest-design", "databases/transactions"],
    evidence={"http": "mid", "rest": "mid"},
)
def conditional_update(ctx: Context) -> None:
    product, etag = create(ctx)
    ctx.expect_problem(put(ctx, product["id"], None, name="No precondition"), 428)
    ctx.expect_problem(put(ctx, product["id"], '"stale-version"', name="Stale"), 412)
    ctx.expect_problem(put(ctx, product["id"], f"W/{etag}", name="Weak"), 412)
    updated = put(ctx, product["id"], etag, name="Storm lantern, second edition")
    ctx.expect_status(updated, 200, why="If-Match with the current ETag")
    ctx.expect(ctx.json(updated).get("name") == "Storm lantern, second edition", "the updated product", updated)
    new_etag = updated.headers.get("etag")
    ctx.expect(bool(new_etag) and new_etag != etag, "a new ETag for the new version", updated)
    ctx.expect_problem(put(ctx, product["id"], etag, name="Lost update"), 412)


@suite.check(
    "robustness.cache-invalidation",
    group=Group.ROBUSTNESS,
    title="After an update, the next read returns the new version at once, though the old one was just cached",
    lessons=["architecture/caching", "databases/hybrid-architectures"],
    evidence={"caching": "mid"},
)
def cache_invalidation(ctx: Context) -> None:
    product, etag = create(ctx)
    path = f"/products/{product['id']}"
    for _ in range(3):
        ctx.expect_status(ctx.get(path), 200)
    updated = put(ctx, product["id"], etag, price_cents=1999)
    ctx.expect_status(updated, 200)
    read = ctx.get(path)
    ctx.expect(ctx.json(read).get("price_cents") == 1999, "the new price right after the update", read)
    ctx.expect(read.headers.get("etag") == updated.headers.get("etag"), "the ETag the update returned", read)
    revalidated = ctx.get(path, headers={"If-None-Match": etag})
    ctx.expect_status(revalidated, 200, why="the old ETag no longer matches, so the new version is sent")


@suite.check(
    "robustness.concurrent-updates",
    group=Group.ROBUSTNESS,
    title="Eight PUTs with the same If-Match at once: exactly one wins, the rest get 412 (no lost update)",
    lessons=["databases/transactions", "web-foundations/http-caching"],
    evidence={"transactions": "mid", "http": "senior"},
)
def concurrent_updates(ctx: Context) -> None:
    product, etag = create(ctx)
    names = [f"Edition {n}" for n in range(8)]
    # Twenty tags each make every write a longer transaction, so the eight overlap on the server.
    tags = [f"edition-tag-{n}" for n in range(20)]
    responses = ctx.concurrently(
        [lambda name=name: put(ctx, product["id"], etag, name=name, tags=tags) for name in names]
    )
    statuses = sorted(r.status_code for r in responses)
    require(ctx, statuses == [200] + [412] * 7, "one 200 and seven 412", got=f"statuses {statuses}")
    winner = ctx.json(next(r for r in responses if r.status_code == 200)).get("name")
    final = ctx.get(f"/products/{product['id']}")
    ctx.expect(ctx.json(final).get("name") == winner, f"the winner's name {winner!r} stored", final)


@suite.check(
    "robustness.restart",
    group=Group.ROBUSTNESS,
    title="After a restart the product is there with the same ETag, so clients' cached copies stay valid",
    lessons=["web-foundations/http-caching", "cloud-devops/containers-and-twelve-factor"],
    evidence={"http": "mid", "twelve-factor": "mid"},
    needs_restart=True,
)
def restart(ctx: Context) -> None:
    product, etag = create(ctx)
    ctx.restart()
    response = ctx.get(f"/products/{product['id']}", headers={"If-None-Match": etag})
    ctx.expect_status(response, 304, why="the same version has the same ETag after a restart")


# --- performance --------------------------------------------------------------------------------------------


@suite.check(
    "performance.read-load",
    group=Group.PERFORMANCE,
    title="30 full pages one at a time, then 400 mixed reads 8 at a time, within the p50, p95 and error budgets",
    lessons=["testing/load-testing", "databases/fast-sql", "architecture/caching"],
    evidence={"load-tests": "mid", "sql-performance": "mid", "caching": "mid"},
)
def read_load(ctx: Context) -> None:
    tag, common = word(8), word()
    products = []
    for n in range(BENCH_PRODUCTS):
        product, etag = create(ctx, name=f"Lantern {common}", tags=[tag, f"size-{n % 5}"], price_cents=1000 + n)
        products.append((product["id"], etag))
    counter = iter(range(1_000_000))

    def send(client: httpx.Client) -> httpx.Response:
        n = next(counter)
        product_id, etag = products[n % len(products)]
        kind = n % 8
        if kind < 3:
            return client.get(f"/products/{product_id}")
        if kind < 5:
            return client.get(f"/products/{product_id}", headers={"If-None-Match": etag})
        if kind < 7:
            return client.get("/products", params={"tag": tag, "limit": 100})
        return client.get("/products", params={"q": common})

    # Alone, one at a time: a full page's latency is the work it does, so per-row queries (N+1) show.
    pages = ctx.load(
        lambda client: client.get("/products", params={"tag": tag, "limit": 100}), requests=30, concurrency=1
    )
    ctx.metrics.update(page_p50_ms=pages.p50_ms, page_p95_ms=pages.p95_ms, page_errors=pages.errors)
    budget = ctx.budgets
    require(ctx, pages.errors == 0, "no errors on full pages", got=f"{pages.errors} errors (5xx or none)")
    for name, value in (("page_p50_ms", pages.p50_ms), ("page_p95_ms", pages.p95_ms)):
        what = "a 100-product page, one request at a time"
        require(ctx, value <= budget[name], f"{what}: {name[5:8]} <= {budget[name]:.0f} ms", got=f"{value} ms")
    mixed = ctx.load(send, requests=400, concurrency=8)
    ctx.metrics.update(p50_ms=mixed.p50_ms, p95_ms=mixed.p95_ms, error_rate=round(mixed.error_rate, 4))
    require(
        ctx,
        mixed.error_rate <= budget.get("error_rate", 0.0),
        f"error rate <= {budget.get('error_rate', 0.0)} under the mixed load",
        got=f"{mixed.errors} errors in {mixed.requests}",
    )
    for name, value in (("p50_ms", mixed.p50_ms), ("p95_ms", mixed.p95_ms)):
        require(ctx, value <= budget[name], f"the mixed load: {name[:3]} <= {budget[name]:.0f} ms", got=f"{value} ms")
