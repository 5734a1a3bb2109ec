"""What capstone checks read from their OpenAPI document, and the header every authenticated request sends."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def _document(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def component_schema(openapi: Path, name: str) -> dict[str, Any]:
    """A component schema of `openapi` that resolves its $refs against the whole document (for jsonschema)."""
    return {"$ref": f"#/components/schemas/{name}", "components": _document(openapi)["components"]}


def auth(token: str) -> dict[str, str]:
    """A bearer token's Authorization header."""
    return {"Authorization": f"Bearer {token}"}
