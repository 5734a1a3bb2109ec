"""Would an AWS identity policy allow this action on this resource? The core of IAM's evaluation, small.

AWS's rules for one identity policy (IAM User Guide, "Policy evaluation logic"):
- everything is denied unless a statement allows it (implicit deny);
- an explicit Deny in any statement wins over every Allow;
- `Action` matches case-insensitively and `Resource` case-sensitively, where `*` matches any run of characters
  and `?` any single character.
Conditions, NotAction, NotResource, resource policies and permission boundaries are left out.
"""

from __future__ import annotations

import re
from typing import Any


def _pattern(text: str, ignore_case: bool) -> re.Pattern[str]:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text)
    return re.compile(regex, re.IGNORECASE if ignore_case else 0)


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _matches(statement: dict[str, Any], action: str, resource: str) -> bool:
    actions = _listed(statement.get("Action", []))
    resources = _listed(statement.get("Resource", []))
    return any(_pattern(a, ignore_case=True).fullmatch(action) for a in actions) and any(
        _pattern(r, ignore_case=False).fullmatch(resource) for r in resources
    )


# --8<-- [start:allows]
def allows(policy: dict[str, Any], action: str, resource: str) -> bool:
    """True if the policy allows `action` on `resource`: some Allow matches and no Deny does."""
    matching = [s for s in policy["Statement"] if _matches(s, action, resource)]
    if any(s["Effect"] == "Deny" for s in matching):
        return False  # an explicit deny beats any allow
    return any(s["Effect"] == "Allow" for s in matching)  # no match at all: implicitly denied


# --8<-- [end:allows]
