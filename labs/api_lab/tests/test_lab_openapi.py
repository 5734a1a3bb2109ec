"""The exported OpenAPI document is current and describes what the lesson promises."""

from __future__ import annotations

import json

from labs.api_lab.export_openapi import TARGET, render


def test_exported_document_matches_the_app() -> None:
    assert TARGET.read_text(encoding="utf-8") == render(), "run: .venv/bin/python -m labs.api_lab.export_openapi"


def test_document_lists_the_operations_and_headers() -> None:
    spec = json.loads(TARGET.read_text(encoding="utf-8"))
    assert spec["openapi"].startswith("3.1")
    assert {"/oauth/token", "/v1/books", "/v1/books/{book_id}", "/graphql"} <= spec["paths"].keys()
    create = spec["paths"]["/v1/books"]["post"]
    assert {"name": "idempotency-key", "in": "header"}.items() <= create["parameters"][0].items()
    assert {"limit", "cursor", "author_id"} <= {p["name"] for p in spec["paths"]["/v1/books"]["get"]["parameters"]}


def test_bearer_scheme_is_documented_for_protected_operations() -> None:
    spec = json.loads(TARGET.read_text(encoding="utf-8"))
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/v1/books"]["get"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in spec["paths"]["/oauth/token"]["post"]
