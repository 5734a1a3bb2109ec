"""Exercise: the compatibility gate that let a breaking release through.

Symptom: every pull request that touches `contract.yaml` runs `breaking_changes(old, new)`, and a release is
blocked when it returns anything. Last Tuesday a refactoring dropped `title` from the Task schema; the gate said
nothing, the release went out, and the Android app crashed on every task list. A week later another change made
a new `owner` field required in NewTask, and every existing client's create request started failing with 422.

Diagnose it with the check (`make exercise ID=apis/openapi_testing/breaking_changes`). This gate only compares
the list of operations. Teach it what breaks a client, on both sides: what a response may no longer contain, and
what a request must now contain or may no longer contain, without blocking changes that are safe.
"""

from __future__ import annotations

from typing import Any

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): operation
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in METHODS
    }


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Describe every change from `old` to `new` that can break an existing client; [] when there is none."""
    before, after = operations(old), operations(new)
    return [f"{method} {path}: operation removed" for method, path in before.keys() - after.keys()]
