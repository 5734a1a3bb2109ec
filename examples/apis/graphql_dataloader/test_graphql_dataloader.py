"""The N+1 problem measured, the DataLoader fix, and the limits that protect a GraphQL server."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient

from examples.apis.graphql_dataloader.schema import build_schema, create_app, create_library, make_author_loader

BOOKS_WITH_AUTHORS = "{ books { title author { name } } }"


def post(client: TestClient, query: str, variables: dict | None = None) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_schema_reads_as_the_lesson_prints_it() -> None:
    printed = " ".join(build_schema().as_str().split())
    for definition in (
        "type Author { id: ID! name: String! books: [Book!]! }",
        "type Book { id: ID! title: String! author: Author! }",
        "type Query { books: [Book!]! }",
        "type Mutation { addBook(book: NewBook!): Book! }",
        "input NewBook { title: String! authorId: Int! }",
        "type Subscription { newBooks(pollSeconds: Float! = 0.01): Book! }",
    ):
        assert definition in printed, definition


# --8<-- [start:n_plus_one]
def test_naive_resolver_sends_one_query_per_book() -> None:
    library = create_library()
    result = post(TestClient(create_app(library, use_loader=False)), BOOKS_WITH_AUTHORS)
    assert len(result["data"]["books"]) == 5
    assert len(library.queries) == 1 + 5  # the list, then one author lookup per book: N+1


def test_dataloader_batches_the_author_lookups_into_one_query() -> None:
    library = create_library()
    result = post(TestClient(create_app(library, use_loader=True)), BOOKS_WITH_AUTHORS)
    assert result["data"]["books"][0] == {"title": "The Dispossessed", "author": {"name": "Ursula K. Le Guin"}}
    assert len(library.queries) == 2
    assert "IN (?, ?, ?)" in library.queries[1]  # three distinct authors: duplicates come from the cache


# --8<-- [end:n_plus_one]


def test_both_resolvers_return_the_same_data() -> None:
    naive = post(TestClient(create_app(create_library(), use_loader=False)), BOOKS_WITH_AUTHORS)
    batched = post(TestClient(create_app(create_library(), use_loader=True)), BOOKS_WITH_AUTHORS)
    assert naive == batched


def test_loader_cache_does_not_leak_between_requests() -> None:
    library = create_library()
    client = TestClient(create_app(library, use_loader=True))
    post(client, BOOKS_WITH_AUTHORS)
    library.conn.execute("UPDATE authors SET name = 'Renamed' WHERE id = 3")
    second = post(client, BOOKS_WITH_AUTHORS)
    assert {"title": "Dune", "author": {"name": "Renamed"}} in second["data"]["books"]


def test_the_batch_function_keeps_the_contract() -> None:
    """One result per key, in the keys' order, and an error for a missing key that fails only that key."""
    library = create_library()
    loader = make_author_loader(library)

    async def scenario() -> list[object]:
        return await asyncio.gather(*(loader.load(key) for key in (3, 99, 1, 3)), return_exceptions=True)

    herbert, missing, le_guin, again = asyncio.run(scenario())
    assert (herbert.name, le_guin.name, again.name) == ("Frank Herbert", "Ursula K. Le Guin", "Frank Herbert")
    assert isinstance(missing, LookupError) and "no author 99" in str(missing)
    assert len(library.queries) == 1  # one batch for three distinct keys; the repeated 3 came from the cache


def test_client_picks_the_fields_it_needs() -> None:
    result = post(TestClient(create_app(create_library(), use_loader=True)), "{ books { title } }")
    assert result["data"]["books"][0] == {"title": "The Dispossessed"}


def test_mutation_adds_a_book_and_reports_errors_in_the_body() -> None:
    client = TestClient(create_app(create_library(), use_loader=True))
    mutation = "mutation Add($b: NewBook!) { addBook(book: $b) { id title author { name } } }"
    added = post(client, mutation, {"b": {"title": "The Lathe of Heaven", "authorId": 1}})
    assert added["data"]["addBook"] == {
        "id": "6",
        "title": "The Lathe of Heaven",
        "author": {"name": "Ursula K. Le Guin"},
    }
    failed = post(client, mutation, {"b": {"title": "X", "authorId": 42}})
    assert failed["data"] is None and "no author 42" in failed["errors"][0]["message"]


# --8<-- [start:limits]
def test_depth_limit_rejects_a_deeply_nested_query() -> None:
    deep = "{ books { author { books { author { books { author { name } } } } } } }"
    result = post(TestClient(create_app(create_library(), use_loader=True, max_depth=4)), deep)
    assert "exceeds maximum operation depth" in result["errors"][0]["message"]
    assert result.get("data") is None


def test_alias_limit_rejects_a_query_that_repeats_a_field_many_times() -> None:
    many = "{ " + " ".join(f"b{n}: books {{ title }}" for n in range(20)) + " }"
    result = post(TestClient(create_app(create_library(), use_loader=True)), many)
    assert "aliases" in result["errors"][0]["message"]


# --8<-- [end:limits]


def test_aliases_inside_a_fragment_count_every_time_it_is_spread() -> None:
    # CVE-2026-47707: strawberry before 0.315.7 counted the 5 aliases in the fragment once, not 4 times (20 > 15).
    fragment = "fragment Five on Query { " + " ".join(f"f{n}: books {{ title }}" for n in range(5)) + " }"
    query = "{ ...Five ...Five ...Five ...Five } " + fragment
    result = post(TestClient(create_app(create_library(), use_loader=True)), query)
    assert result.get("data") is None and "aliases" in result["errors"][0]["message"]


def test_circular_fragments_are_rejected_without_crashing_the_depth_limiter() -> None:
    # CVE-2026-47706: before 0.315.7 the depth limiter recursed forever on fragments that spread each other.
    cycle = "{ books { ...A } } fragment A on Book { author { books { ...B } } } fragment B on Book { ...A }"
    result = post(TestClient(create_app(create_library(), use_loader=True)), cycle)
    assert result.get("data") is None and result["errors"]


def test_strawberry_answers_validation_errors_with_200_even_when_asked_for_graphql_response_json() -> None:
    # The GraphQL-over-HTTP draft wants 400 for a document that fails validation when the client accepts
    # application/graphql-response+json; this strawberry version still answers 200 with application/json.
    client = TestClient(create_app(create_library(), use_loader=True, max_depth=2))
    response = client.post(
        "/graphql",
        json={"query": "{ books { author { books { title } } } }"},
        headers={"Accept": "application/graphql-response+json, application/json"},
    )
    assert (response.status_code, response.headers["content-type"]) == (200, "application/json")
    assert "exceeds maximum operation depth" in response.json()["errors"][0]["message"]


# --8<-- [start:subscription_test]
def test_subscription_pushes_books_added_after_it_started() -> None:
    library = create_library()

    async def scenario() -> list[str]:
        stream = await build_schema().subscribe(
            "subscription { newBooks { title author { name } } }",
            context_value={"library": library, "use_loader": False},
        )
        first = asyncio.ensure_future(anext(stream))  # the resolver starts running at the first read
        while not any("MAX(id)" in sql for sql in library.queries):
            await asyncio.sleep(0)  # wait until the stream has noted where it starts, however slow the machine
        library.conn.execute("INSERT INTO books (title, author_id) VALUES ('Dawn', 2), ('Children of Dune', 3)")
        received = [await first, await anext(stream)]
        await stream.aclose()
        return [result.data["newBooks"]["title"] for result in received]

    assert asyncio.run(asyncio.wait_for(scenario(), timeout=5)) == ["Dawn", "Children of Dune"]


# --8<-- [end:subscription_test]
