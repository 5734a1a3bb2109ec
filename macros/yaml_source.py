"""Read YAML and remember the line of every value, so errors can point at it.

PyYAML silently keeps the last of two duplicate keys and reports bad dates without a
line; both are caught here, while walking the node tree before it is turned into data.
"""

from __future__ import annotations

from typing import Any

import yaml

from macros.errors import SourceError, SourceProblem, field_path

Location = tuple[str | int, ...]
LineMap = dict[Location, int]

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# libyaml's composer is twenty times faster than PyYAML's pure-Python one and keeps the same line marks;
# PyYAML falls back to Python where it was built without libyaml.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, filename: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """Parse `text` and return the data plus a map from field location to line number.

    `first_line` is the file line on which `text` starts (front matter starts on line 2).
    """
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = (mark.line + 1 + offset) if mark else first_line
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError([SourceProblem(filename, line, "(yaml)", f"not valid YAML: {problem}")]) from None
    if node is None:
        return None, {(): first_line}
    lines: LineMap = {}
    problems: list[SourceProblem] = []
    loader = yaml.SafeLoader("")
    _walk(node, (), lines, problems, filename, offset, loader)
    if problems:
        raise SourceError(problems)
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as error:  # e.g. a tag we do not allow
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 1 + offset) if mark else first_line
        raise SourceError([SourceProblem(filename, line, "(yaml)", str(error).splitlines()[0])]) from None
    return data, lines


def _walk(
    node: yaml.Node,
    loc: Location,
    lines: LineMap,
    problems: list[SourceProblem],
    filename: str,
    offset: int,
    loader: yaml.SafeLoader,
) -> None:
    lines[loc] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            key_line = key_node.start_mark.line + 1 + offset
            if key in seen:
                problems.append(
                    SourceProblem(
                        filename, key_line, field_path((*loc, key)), f"duplicate key (first on line {seen[key]})"
                    )
                )
                continue
            seen[key] = key_line
            _walk(value_node, (*loc, key), lines, problems, filename, offset, loader)
            lines[(*loc, key)] = key_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines, problems, filename, offset, loader)
    elif node.tag == _TIMESTAMP_TAG:
        try:
            loader.construct_yaml_timestamp(node)
        except ValueError as error:
            problems.append(
                SourceProblem(filename, lines[loc], field_path(loc), f"not a valid date ({node.value}): {error}")
            )


def line_for(lines: LineMap, loc: Location) -> int:
    """The line of `loc`, or of its nearest enclosing field when it is missing from the file."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1
