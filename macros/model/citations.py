"""The RFCs that pages and data files cite, with where: `RFC 9110`, `RFC9110`, or a link to the RFC Editor's
or the IETF's copy (`rfc-editor.org/rfc/rfc9110`, `datatracker.ietf.org/doc/html/rfc9110`). Fenced code is
skipped: a comment in a listing is not a citation."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from macros.core.source_text import read_source
from macros.model.lessons import BY_TEXT, fenced_lines

_CITATION = re.compile(
    r"\bRFC[ -]?(\d{3,5})\b|(?:rfc-editor\.org/rfc/|ietf\.org/doc/(?:html/)?|ietf\.org/html/)rfc(\d{3,5})\b"
)
# Data that records the past, or is the index itself: not a citation to keep current.
SKIPPED_DATA = ("data/standards/", "data/releases/", "data/reviews/")


@functools.lru_cache(maxsize=BY_TEXT)  # by the file's text: `make serve` reads again only what a save changed
def citations_in(text: str) -> tuple[tuple[int, int], ...]:
    """(RFC number, line) of every citation outside fenced code."""
    if "rfc" not in text.lower():
        return ()
    found = []
    for number, (line, is_code) in enumerate(fenced_lines(text), start=1):
        if is_code or "rfc" not in line.lower():
            continue
        # A line that names an RFC and links to it cites it once.
        found.extend((rfc, number) for rfc in dict.fromkeys(int(m[1] or m[2]) for m in _CITATION.finditer(line)))
    return tuple(found)


def cited_sources(root: Path, docs_dir: Path) -> Iterator[tuple[str, str]]:
    """(source path, text) of every page under docs/ and every data file that can cite an RFC."""
    for path in sorted(docs_dir.rglob("*.md")):
        if path.relative_to(docs_dir).parts[0] != "assets":
            yield str(path.relative_to(root)), read_source(path, str(path.relative_to(root)))
    for path in sorted((root / "data").rglob("*.yml")):
        source = str(path.relative_to(root))
        if not source.startswith(SKIPPED_DATA):
            yield source, read_source(path, source)


def cited_rfcs(root: Path, docs_dir: Path) -> dict[int, list[tuple[str, int]]]:
    """Every cited RFC, with the (file, line) of each citation."""
    return collect_citations(cited_sources(root, docs_dir))


def collect_citations(sources: Iterator[tuple[str, str]]) -> dict[int, list[tuple[str, int]]]:
    found: dict[int, list[tuple[str, int]]] = {}
    for source, text in sources:
        for number, line in citations_in(text):
            found.setdefault(number, []).append((source, line))
    return found
