"""Text of the lesson template (templates/lesson.md) left in a lesson.

The template is the one source: its title, description, objectives and tags, and every line of its body other
than the sections every lesson has, are placeholders. A lesson that still contains one fails with the file and
line, so editing the template updates this check.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from macros.core.errors import SourceProblem
from macros.core.yaml_source import load_yaml

TEMPLATE = "templates/lesson.md"
PLACEHOLDER_FIELDS = ("title", "description", "objectives", "tags")
_FRONT_ITEM = re.compile(r"^(?:(\w+):\s*|\s*-\s+)(.*)$")
# Lines every lesson may have as they are in the template: the opening of a rubric block.
_STRUCTURE = re.compile(r'\?\?\?\+? \w+ "Rubric"')
_LINK_TEXT = re.compile(r"\[([^\]]+)\]\(https?://")


@dataclass(frozen=True)
class Placeholders:
    values: frozenset[str]  # front matter values: the title, description, each objective and tag
    lines: frozenset[str]  # body lines, stripped
    link_texts: frozenset[str]  # the sample links' texts, left in a line the contributor otherwise changed


@functools.lru_cache(maxsize=4)  # by the template's text
def placeholders(template: str, kept_headings: tuple[str, ...]) -> Placeholders:
    """`kept_headings` are the sections every lesson has: the lesson contract's, which are not placeholders."""
    _, front, body = template.split("---\n", 2)
    data, _ = load_yaml(front, TEMPLATE)
    values: set[str] = set()
    for field in PLACEHOLDER_FIELDS:
        value = data.get(field) if isinstance(data, dict) else None
        values.update(str(item) for item in (value if isinstance(value, list) else [value]) if item)
    kept = {f"## {heading}" for heading in kept_headings}
    lines = {
        line.strip()
        for line in body.splitlines()
        if line.strip() and line.strip() not in kept and not _STRUCTURE.fullmatch(line.strip())
    }
    return Placeholders(frozenset(values), frozenset(lines), frozenset(_LINK_TEXT.findall(body)))


def leftover_problems(text: str, source: str, template: str, kept_headings: tuple[str, ...]) -> list[SourceProblem]:
    found = placeholders(template, kept_headings)
    problems = []
    in_front = text.startswith("---\n")
    field = "body"
    for number, line in enumerate(text.splitlines(), start=1):
        if number > 1 and line == "---" and in_front:
            in_front, field = False, "body"
            continue
        if in_front:
            match = _FRONT_ITEM.match(line)
            field = match.group(1) or field if match else field
            values = _front_values(match.group(2)) if match else []
            left = next((value for value in values if value in found.values), None)
        elif line.strip() in found.lines:
            left = line.strip()
        else:
            left = next((f"[{text}]" for text in found.link_texts if f"[{text}](" in line), None)
        if left is not None:
            shown = left if len(left) <= 60 else left[:57] + "..."
            message = f"'{shown}' is left from {TEMPLATE}: replace it with your own"
            problems.append(SourceProblem(source, number, field, message))
    return problems


def _front_values(value: str) -> list[str]:
    """The plain values on a front matter line: `a`, `'a'`, or each item of `[a, b]`."""
    value = value.strip()
    items = value[1:-1].split(",") if value.startswith("[") and value.endswith("]") else [value]
    return [item.strip().strip("'\"") for item in items if item.strip()]
