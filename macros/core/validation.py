"""Turn pydantic's errors into located, readable problems: one per mistake, naming the value and what is
allowed."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from macros.core.errors import SourceProblem, field_path
from macros.core.yaml_source import LineMap, line_for

Detail = Any  # one entry of ValidationError.errors()


def problems_from_validation(error: ValidationError, lines: LineMap, source: str) -> list[SourceProblem]:
    problems = []
    details = _one_per_mistake(error.errors(include_url=False))
    misspelt = _misspellings(details)
    for detail in details:
        loc = tuple(part for part in detail["loc"] if not _is_union_branch(part))
        if detail["type"] == "missing" and loc in misspelt.values():
            continue  # reported once, as the misspelling
        message = _message(detail)
        if loc in misspelt:
            message = f"unknown field: did you mean '{misspelt[loc][-1]}'?"
        problems.append(SourceProblem(source, line_for(lines, loc), field_path(loc), message))
    return problems


def _misspellings(details: list[Detail]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Unknown fields that are a near spelling of a required field missing beside them: one mistake."""
    missing = {tuple(d["loc"]) for d in details if d["type"] == "missing" and d["loc"]}
    found = {}
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] != "extra_forbidden" or not loc or not isinstance(loc[-1], str):
            continue
        siblings = [m[-1] for m in missing if m[:-1] == loc[:-1] and isinstance(m[-1], str)]
        close = difflib.get_close_matches(loc[-1], siblings, n=1, cutoff=0.75)
        meant = (*loc[:-1], close[0]) if close else None
        if meant and meant not in found.values():
            found[loc] = meant
    return found


def _one_per_mistake(details: Iterable[Detail]) -> list[Detail]:
    """pydantic reports a value that fits no member of a union once per member. Keep the member the
    contributor meant: the one whose errors are not merely "wrong type" at the value itself."""
    kept: list[Detail] = []
    unions: dict[tuple[Any, ...], dict[str, list[Detail]]] = {}
    for detail in details:
        branch = next((i for i, part in enumerate(detail["loc"]) if _is_union_branch(part)), None)
        if branch is None:
            kept.append(detail)
        else:
            unions.setdefault(detail["loc"][:branch], {}).setdefault(detail["loc"][branch], []).append(detail)
    for at, members in unions.items():
        meant = [errors for errors in members.values() if not _only_wrong_type(errors, len(at) + 1)]
        kept.extend(meant[0] if meant else next(iter(members.values()))[:1])
    return kept


def _only_wrong_type(errors: list[Detail], depth: int) -> bool:
    return all(len(e["loc"]) == depth and (e["type"].endswith("_type") or e["type"] == "model_type") for e in errors)


def _is_union_branch(part: str | int) -> bool:
    # pydantic names the union member it tried ("str", "SourcedCell", "function-after[plain_text(), ...]"): noise
    # for a contributor. Field names and data keys are slugs, never with brackets or capitals.
    return isinstance(part, str) and (
        part[:1].isupper() or "[" in part or part in {"str", "int", "float", "bool", "constrained-str"}
    )


def _message(detail: Detail) -> str:
    kind, value = detail["type"], detail.get("input")
    if kind == "value_error":  # our own validators (core/plain_text.py, ...) wrote the message
        return str(detail["ctx"]["error"]) if "ctx" in detail else detail["msg"].removeprefix("Value error, ")
    if kind == "literal_error":
        return f"{value!r} is not allowed: use one of {detail['ctx']['expected']}"
    message = _MESSAGES.get(kind, detail["msg"])
    if kind not in {"missing", "extra_forbidden"} and isinstance(value, str | int | float | bool):
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "...'"
        message = f"{message} (got {shown})"
    return message


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (check the spelling; allowed fields are listed in macros/model/schema.py)",
    "date_from_datetime_parsing": "not a valid date: use YYYY-MM-DD",
    "date_parsing": "not a valid date: use YYYY-MM-DD",
    "date_type": "not a valid date: use YYYY-MM-DD",
    "string_pattern_mismatch": "does not have the expected form",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
}
