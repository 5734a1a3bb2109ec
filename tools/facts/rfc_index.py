"""The RFC Editor's index of RFCs, reduced to the RFCs the lessons cite: number, title, obsoleted by, updated by.

The RFC Editor publishes the index as XML (https://www.rfc-editor.org/rfc-index.xml, what the monthly workflow
downloads) and as text (rfc-index.txt, what mirrors of the series carry). Both hold the same facts; either can
make a snapshot.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from defusedxml import ElementTree

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

SOURCE_URL = "https://www.rfc-editor.org/rfc-index.xml"
_DOC_ID = re.compile(r"^RFC0*(\d+)$")
_ENTRY = re.compile(r"^(\d{1,5}) (.*)$")
_CREATED = re.compile(r"\(CREATED ON: (\d{2})/(\d{2})/(\d{4})\.\)")


@dataclass(frozen=True)
class RfcEntry:
    number: int
    title: str
    obsoleted_by: tuple[int, ...] = field(default=())
    updated_by: tuple[int, ...] = field(default=())


def parse_xml(content: bytes) -> dict[int, RfcEntry]:
    """Every RFC in rfc-index.xml (defusedxml: the file comes over the network)."""
    root = ElementTree.fromstring(content)
    entries = {}
    for element in root:
        if _local(element.tag) != "rfc-entry":
            continue
        number = _number(_child_text(element, "doc-id"))
        if number is None:
            continue
        children = {_local(child.tag): child for child in element}
        entries[number] = RfcEntry(
            number,
            " ".join(_child_text(element, "title").split()),
            _doc_ids(children.get("obsoleted-by")),
            _doc_ids(children.get("updated-by")),
        )
    return entries


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return child.text or ""
    return ""


def _number(doc_id: str) -> int | None:
    match = _DOC_ID.match(doc_id.strip())
    return int(match.group(1)) if match else None


def _doc_ids(element: Element | None) -> tuple[int, ...]:
    if element is None:
        return ()
    numbers = (_number(child.text or "") for child in element if _local(child.tag) == "doc-id")
    return tuple(number for number in numbers if number is not None)


def parse_text(text: str) -> tuple[dt.date | None, dict[int, RfcEntry]]:
    """The date the text index was made and every RFC in it. An entry starts with its number at the start of
    a line and goes on over indented lines: `NNNN Title. Authors. Date. (Format: ...) (Obsoleted by RFCx)`."""
    created = _CREATED.search(text)
    made = dt.date(int(created.group(3)), int(created.group(1)), int(created.group(2))) if created else None
    entries = {}
    for number, body in _text_entries(text.splitlines()):
        if body.startswith("Not Issued"):
            continue
        title = body.split(". ", 1)[0].rstrip(".")
        entries[number] = RfcEntry(number, title, _refs(body, "Obsoleted by"), _refs(body, "Updated by"))
    return made, entries


def _text_entries(lines: Iterable[str]) -> Iterable[tuple[int, str]]:
    number: int | None = None
    parts: list[str] = []
    for line in lines:
        match = _ENTRY.match(line)
        if match:
            if number is not None:
                yield number, " ".join(parts)
            number, parts = int(match.group(1)), [match.group(2).strip()]
        elif number is not None and line.startswith(" ") and line.strip():
            parts.append(line.strip())
        elif number is not None:
            yield number, " ".join(parts)
            number, parts = None, []
    if number is not None:
        yield number, " ".join(parts)


def _refs(body: str, label: str) -> tuple[int, ...]:
    match = re.search(rf"\({label} ([^)]*)\)", body)
    return tuple(int(n) for n in re.findall(r"RFC0*(\d+)", match.group(1))) if match else ()


def to_yaml(entries: Iterable[RfcEntry], taken: dt.date) -> str:
    """The snapshot as YAML, one line per RFC."""
    lines = [
        "# The status of every RFC the lessons and data cite, from the RFC Editor's index, as of the snapshot date.",
        "# Written by `python -m tools.facts.refresh`: do not edit by hand.",
        f"snapshot: {taken.isoformat()}",
        f'source: {{title: "RFC Editor: index of RFCs", url: "{SOURCE_URL}"}}',
        "rfcs:",
    ]
    for entry in sorted(entries, key=lambda e: e.number):
        lines.append(
            f"  - {{number: {entry.number}, title: {json.dumps(entry.title, ensure_ascii=False)}, "
            f"obsoleted_by: [{', '.join(map(str, entry.obsoleted_by))}], "
            f"updated_by: [{', '.join(map(str, entry.updated_by))}]}}"
        )
    return "\n".join(lines) + "\n"
