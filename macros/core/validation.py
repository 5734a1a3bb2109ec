"""Turn pydantic's errors into located, readable problems."""

from __future__ import annotations

from pydantic import ValidationError

from macros.core.errors import SourceProblem, field_path
from macros.core.yaml_source import LineMap, line_for


def problems_from_validation(error: ValidationError, lines: LineMap, source: str) -> list[SourceProblem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if not _is_union_branch(part))
        message = _MESSAGES.get(detail["type"], detail["msg"])
        if detail["type"] == "value_error":  # our own validators (schema.plain_text, ...) wrote the message
            message = str(detail["ctx"]["error"]) if "ctx" in detail else message.removeprefix("Value error, ")
        if detail["type"] == "string_pattern_mismatch":
            message = f"{message} (got {detail['input']!r})"
        problems.append(SourceProblem(source, line_for(lines, loc), field_path(loc), message))
    return problems


def _is_union_branch(part: str | int) -> bool:
    # pydantic names the union member it tried ("str", "SourcedCell"); that is noise for a contributor.
    return isinstance(part, str) and (part[:1].isupper() or part in {"str", "int", "constrained-str"})


_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field (check the spelling; allowed fields are listed in macros/model/schema.py)",
    "date_from_datetime_parsing": "not a valid date: use YYYY-MM-DD",
    "date_parsing": "not a valid date: use YYYY-MM-DD",
    "date_type": "not a valid date: use YYYY-MM-DD",
    "string_pattern_mismatch": "does not have the expected form",
}
