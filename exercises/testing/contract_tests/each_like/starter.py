"""Exercise: the list matcher that checked one order.

Symptom: checkout-web's contract with orders-service gained `GET /orders?customer=c1`, whose body the consumer
described as `{"orders": each_like(summary)}`. Provider verification passed, and in production the order history
page crashed for long-time customers: their older orders come back with `amount` instead of `total_cents`.

Diagnose: each_like builds like([template]), and a list in the contract is only a prefix, so verification
compared the first order and never looked at the rest. Fix: make each_like mean what its name says: the value is
a list, it has at least `min_items` items, and every item matches the template; the stub (reify) should answer
with `min_items` items. Keep like() and plain values as they are. Verify:
`make exercise ID=testing/contract_tests/each_like`.
"""

from __future__ import annotations

from typing import Any

Json = Any


def like(example: Json) -> dict[str, Json]:
    """Match by type, not value."""
    return {"$like": example}


def each_like(template: Json, min_items: int = 1) -> dict[str, Json]:
    """A list of items that each look like `template`, at least `min_items` of them."""
    return like([template])


def mismatches(expected: Json, actual: Json, path: str = "$") -> list[str]:
    """Compare a response body with the contract. Extra fields are fine; a contract list is a prefix."""
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
