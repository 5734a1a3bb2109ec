"""Compare two versions of a contract and list the changes that would break existing clients."""

from __future__ import annotations

from typing import Any

from examples.communication.api_contracts.contract import Contract

METHODS = ("get", "put", "post", "delete", "patch")


def resolve(contract: Contract, schema: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`s into the contract's components until a schema with content is reached."""
    while "$ref" in schema:
        *_, name = schema["$ref"].split("/")
        schema = contract["components"]["schemas"][name]
    return schema


# --8<-- [start:breaking]
def breaking_changes(old: Contract, new: Contract) -> list[str]:
    """Changes that can break a client written against `old`. Additions are safe unless noted."""
    found: list[str] = []
    for path, methods in old["paths"].items():
        for method in (m for m in methods if m in METHODS):
            where = f"{method.upper()} {path}"
            new_op = new["paths"].get(path, {}).get(method)
            if new_op is None:
                found.append(f"{where}: operation removed")
                continue
            old_required = {p["name"] for p in methods[method].get("parameters", []) if p.get("required")}
            for param in new_op.get("parameters", []):
                if param.get("required") and param["name"] not in old_required:
                    found.append(f"{where}: new required parameter '{param['name']}'")
            for status, response in methods[method]["responses"].items():
                if status not in new_op["responses"]:
                    found.append(f"{where}: response {status} no longer documented")
                    continue
                for media_type, media in response.get("content", {}).items():
                    new_media = new_op["responses"][status].get("content", {}).get(media_type)
                    if new_media is None:
                        found.append(f"{where} {status}: media type {media_type} removed")
                        continue
                    old_schema, new_schema = resolve(old, media["schema"]), resolve(new, new_media["schema"])
                    found += [f"{where} {status}: {p}" for p in _response_schema_changes(old_schema, new_schema)]
    return found


def _response_schema_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    problems = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name, prop in old_props.items():
        if name not in new_props:
            problems.append(f"field '{name}' removed")
        elif prop.get("type") != new_props[name].get("type"):
            problems.append(f"field '{name}' changed type {prop.get('type')} -> {new_props[name].get('type')}")
        elif set(new_props[name].get("enum", [])) - set(prop.get("enum", [])) and "enum" in prop:
            # Clients often switch over every known value; a new one can land in their `default` or crash.
            added = sorted(set(new_props[name]["enum"]) - set(prop["enum"]))
            problems.append(f"field '{name}' may now return new values {added}")
    for name in set(old.get("required", [])) - set(new.get("required", [])):
        if name in new_props:
            problems.append(f"field '{name}' is no longer guaranteed (dropped from required)")
    if old.get("additionalProperties") is False:
        # A client validating against the old, closed schema rejects any field it does not know.
        for name in sorted(new_props.keys() - old_props.keys()):
            problems.append(f"field '{name}' added, but the old schema refused undocumented fields")
    return problems


# --8<-- [end:breaking]
