"""A reference solution: compare each operation's request body and responses, following $ref, allOf and array
items, with the rules that differ by direction. A response may gain members but not lose or loosen them; a
request may accept more but not demand more."""

from __future__ import annotations

from typing import Any

METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
# Request limits that break old clients when they tighten: (keyword, True when a lower value is tighter).
LIMITS = {"maxLength": True, "maxItems": True, "maximum": True, "minLength": False, "minItems": False, "minimum": False}

Spec = dict[str, Any]


def operations(spec: Spec) -> dict[tuple[str, str], Spec]:
    return {
        (method.upper(), path): operation
        for path, item in spec.get("paths", {}).items()
        for method, operation in item.items()
        if method in METHODS
    }


def resolve(spec: Spec, node: Any) -> Any:
    """Follow local $refs and merge allOf, so a schema can be compared member by member."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    if isinstance(node, dict) and "allOf" in node:
        merged: Spec = {"type": "object", "properties": {}, "required": []}
        for part in [resolve(spec, sub) for sub in node["allOf"]] + [{k: v for k, v in node.items() if k != "allOf"}]:
            merged["properties"] |= part.get("properties", {})
            merged["required"] += part.get("required", [])
        return merged
    return node


def compare(old_spec: Spec, new_spec: Spec, old: Any, new: Any, where: str, request: bool) -> list[str]:
    old, new = resolve(old_spec, old), resolve(new_spec, new)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return []
    if old.get("type") != new.get("type"):
        return [f"{where}: type changed from {old.get('type')} to {new.get('type')}"]
    found = []
    if old.get("type") == "array":
        found += compare(old_spec, new_spec, old.get("items"), new.get("items"), f"{where}[]", request)
    if request:
        for keyword, lower_is_tighter in LIMITS.items():
            before, after = old.get(keyword), new.get(keyword)
            if after is not None and (before is None or (after < before if lower_is_tighter else after > before)):
                found.append(f"{where}: {keyword} tightened from {before} to {after}")
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    for name in old_props.keys() | new_props.keys():
        member = f"{where}.{name}"
        if request:
            if name in new_required - old_required:
                found.append(f"{member}: now required in requests")
            if name in old_props and name not in new_props and new.get("additionalProperties") is False:
                found.append(f"{member}: no longer accepted in requests")
        else:
            if name in old_props and name not in new_props:
                found.append(f"{member}: removed from responses")
                continue
            if name in old_required - new_required:
                found.append(f"{member}: no longer always present in responses")
        if name in old_props and name in new_props:
            found += compare(old_spec, new_spec, old_props[name], new_props[name], member, request)
    return found


def bodies(spec: Spec, holder: Spec) -> dict[str, Any]:
    """{media type: schema} of a request body or response, following a $ref to a shared one."""
    holder = resolve(spec, holder)
    return {media: content.get("schema") for media, content in holder.get("content", {}).items()}


def breaking_changes(old: Spec, new: Spec) -> list[str]:
    before, after = operations(old), operations(new)
    found = [f"{method} {path}: operation removed" for method, path in sorted(before.keys() - after.keys())]
    for key in sorted(before.keys() & after.keys()):
        name = f"{key[0]} {key[1]}"
        old_op, new_op = before[key], after[key]
        old_body = bodies(old, old_op.get("requestBody", {}))
        for media, schema in bodies(new, new_op.get("requestBody", {})).items():
            if media in old_body:
                found += compare(old, new, old_body[media], schema, f"{name}: request", request=True)
        new_responses = new_op.get("responses", {})
        for status, response in old_op.get("responses", {}).items():
            if status not in new_responses:
                found.append(f"{name}: response {status} removed")
                continue
            new_body = bodies(new, new_responses[status])
            for media, schema in bodies(old, response).items():
                if media not in new_body:
                    found.append(f"{name}: response {status} no longer sent as {media}")
                else:
                    found += compare(old, new, schema, new_body[media], f"{name}: response {status}", request=False)
    return found
