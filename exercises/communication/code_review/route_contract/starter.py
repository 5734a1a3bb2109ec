"""The review bot's triage, with the rule a teammate added after the mobile app broke: a PR that adds an HTTP
route should also change the OpenAPI contract, or the generated clients never learn about the route."""

from __future__ import annotations

import re

from examples.communication.code_review.triage import triage

ROUTE = re.compile(r"@app\.(get|post)\(")


def triage_with_contract(diff: str) -> list[str]:
    """The lesson's triage notes, plus an `api:` note for each route added without a contract change."""
    notes = triage(diff)
    if ROUTE.search(diff) and "openapi" not in diff:
        notes.append("api: a route changed; update the OpenAPI contract")
    return notes
