"""A reference solution: the stub matches the query too, exactly, as a Pact mock server does: be strict about
what the consumer sends, so a wrong parameter name fails the consumer's own test."""

from __future__ import annotations

from typing import Any

import httpx

Json = Any


def reify(expected: Json) -> Json:
    """Turn matchers back into their examples, to build stub responses."""
    if isinstance(expected, dict) and "$like" in expected:
        return reify(expected["$like"])
    if isinstance(expected, dict):
        return {k: reify(v) for k, v in expected.items()}
    if isinstance(expected, list):
        return [reify(v) for v in expected]
    return expected


def query_of(request: httpx.Request) -> dict[str, list[str]]:
    """The request's query as name -> values. Parameters compare as a set; repeated values keep their order."""
    query: dict[str, list[str]] = {}
    for name, value in request.url.params.multi_items():
        query.setdefault(name, []).append(value)
    return query


def stub_transport(contract: dict[str, Json], state: str) -> httpx.MockTransport:
    """Consumer side: a fake provider that answers as the contract says, for one provider state.

    An interaction's request has a method, a path and optionally a query: a dict from parameter name to the
    list of its values, in order, as in {"customer": ["c1"]}.
    """
    interactions = [i for i in contract["interactions"] if i["provider_state"] == state]

    def handler(request: httpx.Request) -> httpx.Response:
        for interaction in interactions:
            expected = interaction["request"]
            if (
                request.method == expected["method"]
                and request.url.path == expected["path"]
                and query_of(request) == expected.get("query", {})
            ):
                response = interaction["response"]
                return httpx.Response(response["status"], json=reify(response.get("body")))
        return httpx.Response(500, json={"error": f"no interaction for {request.method} {request.url}"})

    return httpx.MockTransport(handler)
