"""Small, dependency-light helpers to check an API against an OpenAPI document.

- `operations` lists (METHOD, path template) pairs with their documented status codes
- `validate` checks a JSON body against a schema from `components/schemas` (OpenAPI 3.1 schemas are
  JSON Schema 2020-12, so the `jsonschema` package validates them directly)
- `run_postman_collection` replays a Postman v2.1 collection through an HTTP client, supporting the
  two script lines our collection uses; in CI you would run the same file with Newman.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import yaml
from jsonschema import Draft202012Validator

HERE = Path(__file__).parent
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def load_contract() -> dict[str, Any]:
    return yaml.safe_load((HERE / "contract.yaml").read_text(encoding="utf-8"))


# --8<-- [start:operations]
def operations(spec: dict[str, Any]) -> dict[tuple[str, str], set[str]]:
    """{(METHOD, path template): {documented status codes}}"""
    return {
        (method.upper(), path): set(op.get("responses", {}))
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    }


def template_matches(template: str, path: str) -> bool:
    pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))  # {task_id} matches one segment
    return re.fullmatch(pattern, path) is not None


def media_types(spec: dict[str, Any]) -> dict[tuple[str, str, str], set[str]]:
    """{(METHOD, path template, status): {documented media types}}, following $ref to shared responses."""
    shared = spec.get("components", {}).get("responses", {})
    found = {}
    for (method, path), _ in operations(spec).items():
        for status, response in spec["paths"][path][method.lower()]["responses"].items():
            if "$ref" in response:
                response = shared[response["$ref"].rsplit("/", 1)[-1]]
            found[(method, path, status)] = set(response.get("content", {}))
    return found


def validate(spec: dict[str, Any], schema_name: str, body: Any, *, closed: bool = False) -> list[str]:
    """Return the validation errors (empty list: the body conforms). `closed` also rejects top-level members
    the schema does not declare: the provider's own check that it leaks nothing it did not mean to send."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec["components"]}
    if closed:
        schema["unevaluatedProperties"] = False  # sees through $ref and allOf (JSON Schema 2020-12)
    return [error.message for error in Draft202012Validator(schema).iter_errors(body)]


# --8<-- [end:operations]


# --8<-- [start:postman]
STATUS_CHECK = re.compile(r"pm\.response\.to\.have\.status\((\d{3})\)")
SAVE_VARIABLE = re.compile(r'pm\.collectionVariables\.set\("(\w+)",\s*pm\.response\.json\(\)\.(\w+)\)')


def postman_requests(collection: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten the collection: name, method, url path with {{variables}}, body, script lines."""
    flat = []
    for item in collection["item"]:
        request = item["request"]
        script = [
            line for event in item.get("event", []) if event["listen"] == "test" for line in event["script"]["exec"]
        ]
        flat.append(
            {
                "name": item["name"],
                "method": request["method"],
                "path": "/" + "/".join(request["url"]["path"]),
                "query": {q["key"]: q["value"] for q in request["url"].get("query", [])},
                "body": json.loads(request["body"]["raw"]) if "body" in request else None,
                "script": "\n".join(script),
            }
        )
    return flat


def run_postman_collection(collection: dict[str, Any], client: httpx.Client) -> list[tuple[str, httpx.Response]]:
    variables: dict[str, str] = {}
    results = []
    for req in postman_requests(collection):
        path = re.sub(r"\{\{(\w+)\}\}", lambda m: str(variables[m.group(1)]), req["path"])
        response = client.request(req["method"], path, params=req["query"], json=req["body"])
        expected = STATUS_CHECK.search(req["script"])
        if expected and response.status_code != int(expected.group(1)):
            raise AssertionError(f"{req['name']}: expected {expected.group(1)}, got {response.status_code}")
        for name, field in SAVE_VARIABLE.findall(req["script"]):
            variables[name] = response.json()[field]
        results.append((req["name"], response))
    return results


# --8<-- [end:postman]
