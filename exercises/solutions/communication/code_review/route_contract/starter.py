"""The review bot's triage, with a note for every HTTP route a PR adds without changing the OpenAPI contract:
without the contract change, the generated clients and the mock server never learn about the route."""

from __future__ import annotations

import re

from examples.communication.code_review.triage import FileChange, parse_diff, triage

# A route decorator on any router object: FastAPI's @app.get / @router.post / @router.api_route and Flask's
# @bp.route. Only the start of the line counts, so a comment or a string that mentions one does not.
ROUTE = re.compile(r"^\s*@\w+(?:\.\w+)*\.(get|post|put|patch|delete|head|options|route|api_route)\(")
# The contract is a file, not a word: openapi.yaml or orders.openapi.json, in any folder.
CONTRACT = re.compile(r"(^|/)([\w-]+\.)?openapi\.(ya?ml|json)$")


def triage_with_contract(diff: str) -> list[str]:
    """The lesson's triage notes, plus an `api:` note for each route added without a contract change."""
    notes = triage(diff)
    files = parse_diff(diff)
    if any(CONTRACT.search(f.path) for f in files):
        return notes
    notes.extend(
        f"api: new route at {file.path}:{number} ({text.strip()}) without a change to the OpenAPI contract"
        for file in files
        if _is_app_code(file)
        for number, text in file.added_lines
        if ROUTE.match(text)
    )
    return notes


def _is_app_code(file: FileChange) -> bool:
    """Routes in tests are fakes for the test's own use, not part of the API."""
    name = file.path.rsplit("/", 1)[-1]
    return file.path.endswith(".py") and not (name.startswith("test_") or "/tests/" in f"/{file.path}")
