"""Check commit messages against the Conventional Commits 1.0.0 format."""

from __future__ import annotations

import re

# --8<-- [start:lint]
TYPES = ("feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert")
HEADER = re.compile(r"^(?P<type>[a-z]+)(?:\((?P<scope>[a-z0-9._/-]+)\))?(?P<breaking>!)?: (?P<subject>\S.*)$")


def lint_commit_message(message: str) -> list[str]:
    """Return the problems found; an empty list means the message is acceptable."""
    lines = message.rstrip("\n").split("\n")
    match = HEADER.match(lines[0])
    if match is None:
        return ["header must look like 'type(scope): subject'"]
    problems = []
    if match["type"] not in TYPES:
        problems.append(f"unknown type '{match['type']}' (use one of: {', '.join(TYPES)})")
    if len(lines[0]) > 72:
        problems.append("header is longer than 72 characters")
    if match["subject"].endswith("."):
        problems.append("subject should not end with a full stop")
    if len(lines) > 1 and lines[1] != "":
        problems.append("leave a blank line between header and body")
    return problems


def is_breaking(message: str) -> bool:
    """A '!' before the colon or a BREAKING CHANGE footer marks a major-version change."""
    header = message.split("\n", 1)[0]
    match = HEADER.match(header)
    has_footer = re.search(r"^BREAKING[ -]CHANGE: ", message, re.M) is not None
    return bool(match and match["breaking"]) or has_footer


# --8<-- [end:lint]
