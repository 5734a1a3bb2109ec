"""A reference solution: request bodies are checked too, in the opposite direction to responses.

A client sends what the old contract allowed. So a request schema may only widen (accept more): a new
required field, an enum value taken away, a lower maximum or a changed type each refuse requests that
worked yesterday. A response schema is the mirror image: it may only narrow what it returns.
"""

from __future__ import annotations

from typing import Any

from examples.communication.api_contracts.breaking import METHODS, resolve
from examples.communication.api_contracts.breaking import breaking_changes as response_and_parameter_changes
from examples.communication.api_contracts.contract import Contract

# Keywords whose new value must be no stricter than the old one: (keyword, refuses more when the new value is...)
LOWER_IS_STRICTER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")
HIGHER_IS_STRICTER = ("minimum", "exclusiveMinimum", "minLength", "minItems")


def breaking_changes(old: Contract, new: Contract) -> list[str]:
    """Changes that can break a client written against `old`, one line each, most specific first."""
    return _request_changes(old, new) + response_and_parameter_changes(old, new)


def _request_changes(old: Contract, new: Contract) -> list[str]:
    found: list[str] = []
    for path, methods in old["paths"].items():
        for method in (m for m in methods if m in METHODS):
            new_op = new["paths"].get(path, {}).get(method)
            old_body, new_body = methods[method].get("requestBody"), (new_op or {}).get("requestBody")
            if new_op is None or new_body is None or old_body is None:
                continue  # a removed operation is reported elsewhere; a body that appears is the next check's
            where = f"{method.upper()} {path} request"
            if new_body.get("required") and not old_body.get("required"):
                found.append(f"{where}: a body is now required")
            for media_type, media in old_body.get("content", {}).items():
                new_media = new_body.get("content", {}).get(media_type)
                if new_media is None:
                    found.append(f"{where}: media type {media_type} no longer accepted")
                    continue
                old_schema, new_schema = resolve(old, media["schema"]), resolve(new, new_media["schema"])
                found += [f"{where}: {problem}" for problem in _narrowed(old_schema, new_schema)]
    return found


def _narrowed(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    problems = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name in sorted(set(new.get("required", [])) - set(old.get("required", []))):
        problems.append(f"field '{name}' is now required")
    for name, prop in old_props.items():
        if name not in new_props:
            if new.get("additionalProperties") is False:
                problems.append(f"field '{name}' is no longer accepted")
            continue
        problems += [f"field '{name}' {p}" for p in _field_narrowed(prop, new_props[name])]
    return problems


def _field_narrowed(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    problems = []
    if old.get("type") != new.get("type"):
        problems.append(f"changed type {old.get('type')} -> {new.get('type')}")
    if "enum" in new and (removed := sorted(set(old.get("enum", new["enum"])) - set(new["enum"]))):
        problems.append(f"no longer accepts {removed}")
    if "enum" in new and "enum" not in old:
        problems.append(f"now accepts only {new['enum']}")
    for keyword in LOWER_IS_STRICTER:
        if keyword in new and new[keyword] < old.get(keyword, float("inf")):
            problems.append(f"{keyword} lowered {old.get(keyword)} -> {new[keyword]}")
    for keyword in HIGHER_IS_STRICTER:
        if keyword in new and new[keyword] > old.get(keyword, float("-inf")):
            problems.append(f"{keyword} raised {old.get(keyword)} -> {new[keyword]}")
    if "pattern" in new and new["pattern"] != old.get("pattern"):
        problems.append(f"pattern changed to {new['pattern']!r}")
    return problems
