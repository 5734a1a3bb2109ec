"""A reference solution: each_like is a matcher of its own, applied to every item of the actual list, with a
minimum length; the stub answers with that many copies of the example."""

from __future__ import annotations

from typing import Any

Json = Any


def like(example: Json) -> dict[str, Json]:
    """Match by type, not value."""
    return {"$like": example}


def each_like(template: Json, min_items: int = 1) -> dict[str, Json]:
    """A list of items that each look like `template`, at least `min_items` of them."""
    if min_items < 0:
        raise ValueError("min cannot be negative")
    return {"$each_like": template, "min": min_items}


def mismatches(expected: Json, actual: Json, path: str = "$") -> list[str]:
    """Compare a response body with the contract. Extra fields are fine; a contract list is a prefix."""
    if isinstance(expected, dict) and "$each_like" in expected:
        if not isinstance(actual, list):
            return [f"{path}: expected a list"]
        if len(actual) < expected["min"]:
            return [f"{path}: expected a list of at least {expected['min']}, got {len(actual)}"]
        # Every item, not just the first: the consumer iterates over all of them.
        template = expected["$each_like"]
        return [p for i, item in enumerate(actual) for p in mismatches(template, item, f"{path}[{i}]")]
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
    if isinstance(expected, dict) and "$each_like" in expected:
        return [reify(expected["$each_like"]) for _ in range(max(expected["min"], 1))]
    if isinstance(expected, dict) and "$like" in expected:
        return reify(expected["$like"])
    if isinstance(expected, dict):
        return {k: reify(v) for k, v in expected.items()}
    if isinstance(expected, list):
        return [reify(v) for v in expected]
    return expected
