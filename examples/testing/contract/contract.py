"""A tiny consumer-driven contract format, in the spirit of Pact: interactions with type-based matching."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

Json = Any


# --8<-- [start:matching]
def like(example: Json) -> dict[str, Json]:
    """Match by type, not value: the consumer needs *an* integer here, not this integer."""
    return {"$like": example}


def mismatches(expected: Json, actual: Json, path: str = "$") -> list[str]:
    """Compare a response body with the contract. Extra fields in `actual` are fine (Postel's law). A list in the
    contract is a prefix: the actual list needs at least as many items, and only those are compared."""
    if isinstance(expected, dict) and "$like" in expected:
        example = expected["$like"]
        if isinstance(example, dict | list):
            return mismatches(example, actual, path) if type(actual) is type(example) else [f"{path}: wrong type"]
        return [] if type(actual) is type(example) else [f"{path}: expected {type(example).__name__}"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object"]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing")
            else:
                problems.extend(mismatches(value, actual[key], f"{path}.{key}"))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) < len(expected):
            return [f"{path}: expected a list of at least {len(expected)}"]
        return [p for i, item in enumerate(expected) for p in mismatches(item, actual[i], f"{path}[{i}]")]
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


def reify(expected: Json) -> Json:
    """Turn matchers back into their examples, to build stub responses."""
    if isinstance(expected, dict) and "$like" in expected:
        return reify(expected["$like"])
    if isinstance(expected, dict):
        return {k: reify(v) for k, v in expected.items()}
    if isinstance(expected, list):
        return [reify(v) for v in expected]
    return expected


# --8<-- [end:matching]


def load(path: Path) -> dict[str, Json]:
    return json.loads(path.read_text())


# --8<-- [start:stub]
def stub_transport(contract: dict[str, Json], state: str) -> httpx.MockTransport:
    """Consumer side: a fake provider that answers exactly as the contract says for one provider state."""
    interactions = [i for i in contract["interactions"] if i["provider_state"] == state]

    def handler(request: httpx.Request) -> httpx.Response:
        for interaction in interactions:
            if (
                request.method == interaction["request"]["method"]
                and request.url.path == interaction["request"]["path"]
            ):
                response = interaction["response"]
                return httpx.Response(response["status"], json=reify(response.get("body")))
        return httpx.Response(500, json={"error": f"no interaction for {request.method} {request.url.path}"})

    return httpx.MockTransport(handler)


# --8<-- [end:stub]


# --8<-- [start:verify]
def verify_provider(contract: dict[str, Json], client: httpx.Client, set_state: Callable[[str], None]) -> list[str]:
    """Provider side: replay every interaction against the real provider and collect mismatches."""
    failures = []
    for interaction in contract["interactions"]:
        set_state(interaction["provider_state"])
        request, expected = interaction["request"], interaction["response"]
        actual = client.request(request["method"], request["path"])
        label = interaction["description"]
        if actual.status_code != expected["status"]:
            failures.append(f"{label}: status {actual.status_code}, contract says {expected['status']}")
            continue
        if "body" in expected:
            failures.extend(f"{label}: {problem}" for problem in mismatches(expected["body"], actual.json()))
    return failures


# --8<-- [end:verify]
