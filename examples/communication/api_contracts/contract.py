"""Load the agreed OpenAPI contract and check JSON bodies against it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

CONTRACT_PATH = Path(__file__).with_name("orders.openapi.yaml")

Contract = dict[str, Any]


def load_contract(path: Path = CONTRACT_PATH) -> Contract:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def operation(contract: Contract, path: str, method: str) -> dict[str, Any]:
    return contract["paths"][path][method.lower()]


def response_media(contract: Contract, path: str, method: str, status: int) -> tuple[str, dict[str, Any]]:
    """(media type, media object) of the documented response for `status`."""
    response = operation(contract, path, method)["responses"][str(status)]
    [(media_type, media)] = response["content"].items()
    return media_type, media


# --8<-- [start:validate]
def body_errors(
    contract: Contract, path: str, method: str, status: int, body: object, *, closed: bool = True
) -> list[str]:
    """Every way `body` breaks the contract's schema for that response (empty list = conforms).

    The contract leaves objects open, so that adding a field later breaks no client. The provider's own test
    is stricter (`closed`): a field the contract does not document is an error, because once it ships,
    clients start to depend on it.
    """
    _, media = response_media(contract, path, method, status)
    # `$ref`s point into #/components, so the schema travels with the contract's components.
    schema = {**media["schema"], "components": contract.get("components", {})}
    validator = Draft202012Validator(_closed(schema) if closed else schema)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(body)]


# --8<-- [end:validate]


def _closed(schema: Any) -> Any:
    """A copy in which every object schema that lists properties refuses undocumented ones."""
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {key: _closed(value) for key, value in schema.items()}
    if isinstance(schema.get("properties"), dict) and "additionalProperties" not in schema:
        closed["additionalProperties"] = False
    return closed
