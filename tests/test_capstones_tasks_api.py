"""The tasks-api capstone's OpenAPI document is OpenAPI 3.1 and describes exactly the operations both
references serve (the Python app's routes, the TypeScript app's route declarations)."""

from __future__ import annotations

import re
import sys

import yaml

from capstones.grader.catalog import find

CAPSTONE = find("tasks-api")
METHODS = {"get", "post", "put", "patch", "delete"}


def documented() -> set[tuple[str, str]]:
    spec = yaml.safe_load((CAPSTONE.directory / "openapi.yaml").read_text(encoding="utf-8"))
    assert spec["openapi"].startswith("3.1."), spec["openapi"]
    return {(method.upper(), path) for path, item in spec["paths"].items() for method in item if method in METHODS}


REFERENCE_MODULES = ("service", "credentials", "database", "models", "paging", "problems")


def test_openapi_matches_the_python_reference_routes(monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(CAPSTONE.directory / "reference_python"))
    # Its module names are generic: set aside any module of the same name another test imported, and leave
    # none of the reference's behind.
    set_aside = {name: sys.modules.pop(name) for name in REFERENCE_MODULES if name in sys.modules}
    try:
        from service import create_app  # the reference is a directory of scripts, not a package

        app = create_app(pool=None, signer=None)  # type: ignore[arg-type] - routes only; nothing is served
    finally:
        for name in REFERENCE_MODULES:
            sys.modules.pop(name, None)
        sys.modules.update(set_aside)
    served = {
        (method, route.path.replace("{task_id}", "{id}"))
        for route in app.routes
        for method in getattr(route, "methods", set()) - {"HEAD"}
    }
    assert served == documented()


def test_openapi_matches_the_typescript_reference_routes() -> None:
    source = (CAPSTONE.directory / "reference_ts" / "src" / "app.ts").read_text(encoding="utf-8")
    declared = {
        (method.upper(), re.sub(r":(\w+)", r"{\1}", path))
        for method, path in re.findall(r'app\.(get|post|put|patch|delete)\("([^"]+)"', source)
    }
    assert declared == documented()
