"""Exercise: both sides green, and every customer's orders on one page.

Symptom: checkout-web's order history showed customers each other's orders. Its client sends
`GET /orders?customer_id=c1`; the contract (and orders-service) say the parameter is `customer`. The provider
ignores parameters it does not know, so it answered with every order. Yet the consumer's contract tests passed
against the stub, and the provider's verification passed too, because it replays the contract's own request.

Diagnose: the stub below matches an interaction on method and path only, so any query string gets the answer.
Fix: make the stub as strict about requests as a Pact mock server: the query must carry exactly the parameters
the interaction lists, with the same values (the order of different parameters does not matter); anything else
gets the 500 "no interaction" answer, which fails the consumer's test. Verify:
`make exercise ID=testing/contract_tests/strict_stub_query`.
"""

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


def stub_transport(contract: dict[str, Json], state: str) -> httpx.MockTransport:
    """Consumer side: a fake provider that answers as the contract says, for one provider state.

    An interaction's request has a method, a path and optionally a query: a dict from parameter name to the
    list of its values, in order, as in {"customer": ["c1"]}.
    """
    interactions = [i for i in contract["interactions"] if i["provider_state"] == state]

    def handler(request: httpx.Request) -> httpx.Response:
        for interaction in interactions:
            expected = interaction["request"]
            if request.method == expected["method"] and request.url.path == expected["path"]:
                response = interaction["response"]
                return httpx.Response(response["status"], json=reify(response.get("body")))
        return httpx.Response(500, json={"error": f"no interaction for {request.method} {request.url}"})

    return httpx.MockTransport(handler)
