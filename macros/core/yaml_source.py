"""Read YAML safely and remember the line of every value, so errors can point at it.

One loader for every data file, every lesson's front matter and every `.nav.yml`. Before PyYAML builds
anything, the event stream is checked against limits, so hostile input fails in milliseconds with a line
instead of exhausting memory or recursion: nesting depth, how many values aliases expand to (a "billion
laughs" alias bomb), the length of one value, and which tags may appear (plain YAML only: no Python
objects, no custom tags). PyYAML silently keeps the last of two duplicate keys and reports bad dates
without a line; both are caught here, while walking the node tree before it is turned into data.
"""

from __future__ import annotations

from typing import Any

import yaml

from macros.core.errors import SourceError, SourceProblem, field_path

Location = tuple[str | int, ...]
LineMap = dict[Location, int]

# libyaml when it is installed (six times faster on a large file), PyYAML's pure-Python loader otherwise.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32  # the deepest real file nests 7 levels
MAX_NODES = 20_000  # values after aliases are expanded; the largest real file has 1,240
MAX_SCALAR = 5_000  # characters in one value; schema.py caps each field lower
MAX_TEXT = 256 * 1024  # characters of YAML in one file or front matter block

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
_TIMESTAMP_TAG = f"{_CORE}timestamp"


def load_yaml(text: str, filename: str, first_line: int = 1) -> tuple[Any, LineMap]:
    """Parse `text` and return the data plus a map from field location to line number.

    `first_line` is the file line on which `text` starts (front matter starts on line 2).
    """
    offset = first_line - 1
    try:
        _check_events(text, filename, offset)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise SourceError([_yaml_problem(error, text, filename, offset)]) from None
    if node is None:
        return None, {(): first_line}
    lines: LineMap = {}
    problems: list[SourceProblem] = []
    loader = yaml.SafeLoader("")
    _walk(node, (), lines, problems, filename, offset, loader, set())
    if problems:
        raise SourceError(problems)
    try:
        data = loader.construct_document(node)
    except (yaml.YAMLError, TypeError, ValueError) as error:  # e.g. a merge key on something not a mapping
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 1 + offset) if mark else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError([SourceProblem(filename, line, "(yaml)", f"not valid YAML: {problem}")]) from None
    return data, lines


def _check_events(text: str, filename: str, offset: int) -> None:
    """Enforce the limits on the event stream, which PyYAML produces without recursion."""

    def fail(event: yaml.Event, message: str) -> None:
        raise SourceError([SourceProblem(filename, event.start_mark.line + 1 + offset, "(yaml)", message)])

    if len(text) > MAX_TEXT:
        raise SourceError(
            [SourceProblem(filename, offset + 1, "(yaml)", f"is {len(text):,} characters; the limit is {MAX_TEXT:,}")]
        )
    depth = 0
    nodes = 0
    open_anchors: list[tuple[str | None, int]] = []  # (anchor, node count when the collection opened)
    anchor_sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_Loader):
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in _ALLOWED_TAGS:
            shown = tag.replace(_CORE, "!!")
            fail(event, f"the tag '{shown}' is not allowed: use plain strings, numbers, dates, lists and mappings")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            nodes += 1
            if depth > MAX_DEPTH:
                fail(event, f"nested more than {MAX_DEPTH} levels deep")
            open_anchors.append((event.anchor, nodes))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            anchor, start = open_anchors.pop()
            if anchor:
                anchor_sizes[anchor] = nodes - start + 1
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if len(event.value) > MAX_SCALAR:
                fail(event, f"a value of {len(event.value):,} characters; the limit is {MAX_SCALAR:,}")
            if event.anchor:
                anchor_sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchor_sizes:
                fail(event, f"the alias *{event.anchor} refers to a value that contains it (or is not defined)")
            nodes += anchor_sizes[event.anchor]
        if nodes > MAX_NODES:
            fail(event, f"more than {MAX_NODES:,} values once aliases are expanded (an alias bomb?)")


def _yaml_problem(error: yaml.YAMLError, text: str, filename: str, offset: int) -> SourceProblem:
    if isinstance(error, yaml.reader.ReaderError):
        # The reader reports a position in characters, not a line.
        line = text.count("\n", 0, error.position) + 1 + offset
        return SourceProblem(filename, line, "(yaml)", f"not valid YAML: {error.reason} (U+{error.character:04X})")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = (mark.line + 1 + offset) if mark else offset + 1
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if "maximum nesting depth" in problem:  # libyaml's own limit, met before ours on flow collections
        return SourceProblem(filename, line, "(yaml)", f"nested more than {MAX_DEPTH} levels deep")
    return SourceProblem(filename, line, "(yaml)", f"not valid YAML: {problem}")


def _walk(
    node: yaml.Node,
    loc: Location,
    lines: LineMap,
    problems: list[SourceProblem],
    filename: str,
    offset: int,
    loader: yaml.SafeLoader,
    walked: set[int],
) -> None:
    lines[loc] = node.start_mark.line + 1 + offset
    if id(node) in walked:
        # An alias of a value walked already: it was checked at its anchor, and errors inside it point there.
        return
    walked.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(SourceProblem(filename, key_line, field_path(loc), "a key must be a plain name"))
                continue
            key = key_node.value
            if key in seen:
                problems.append(
                    SourceProblem(
                        filename, key_line, field_path((*loc, key)), f"duplicate key (first on line {seen[key]})"
                    )
                )
                continue
            seen[key] = key_line
            _walk(value_node, (*loc, key), lines, problems, filename, offset, loader, walked)
            lines[(*loc, key)] = key_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines, problems, filename, offset, loader, walked)
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
