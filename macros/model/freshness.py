"""The freshness check: version, support and end-of-life facts judged against the release snapshots on the
build date (macros/model/releases.py), and cited RFCs against the RFC index snapshot.

- A typed statement (macros/model/statements.py) or a pin (macros/model/pins.py) that calls a release current
  or supported while the snapshot marks it past end of life fails the build; one whose end of life is at
  most `WARN_DAYS` away is a warning, and so is a version the snapshot does not know.
- A snapshot older than `SNAPSHOT_MAX_AGE` days is a warning: releases after it are unknown to the site.
- A cited RFC that the index marks obsoleted is a warning that names the page and line citing it.

Problems fail `make check-data` and the build; warnings are printed by both and fail neither.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from macros.core.errors import SourceProblem
from macros.model.citations import cited_sources, collect_citations
from macros.model.lessons import split_front_matter
from macros.model.pins import Pin, find_pins
from macros.model.releases import find_cycle, is_eol, newest_known_ended, products_by_name, supported
from macros.model.schema import Comparison, ReleaseCell, ReleaseCycle, ReleaseProduct, RfcIndex
from macros.model.statements import (
    Statement,
    StatementFinder,
    data_statements,
    finder_for,
    macro_calls,
    markdown_statements,
)

WARN_DAYS = 60
SNAPSHOT_MAX_AGE = 45  # the workflow refreshes monthly; two weeks of slack before the site says so
_CLAIMING_COLUMN = re.compile(r"\b(current|latest|supported)\b", re.I)
_NOT_A_CLAIM_BEFORE = re.compile(r"\b(since|from|needs|requires|on|after|before|until|in)\s+$", re.I)
_NOT_A_CLAIM_AFTER = re.compile(r"^\s*(?:\+|or (?:later|newer|above)|and (?:later|newer|above)|edition\b)")


@dataclass(frozen=True)
class ObsoleteCitation:
    rfc: int
    title: str
    obsoleted_by: tuple[int, ...]
    file: str
    line: int


@dataclass
class FreshnessReport:
    on: dt.date
    problems: list[SourceProblem] = field(default_factory=list)  # fail the build
    warnings: list[SourceProblem] = field(default_factory=list)
    from_data: int = 0  # release macro calls
    typed: list[tuple[str, Statement]] = field(default_factory=list)  # (file, statement)
    pins: list[Pin] = field(default_factory=list)
    obsolete: list[ObsoleteCitation] = field(default_factory=list)

    def summary(self) -> str:
        return f"version and end-of-life statements: {self.from_data} from data, {len(self.typed)} typed"


def check_freshness(
    root: Path,
    docs_dir: Path,
    releases: dict[str, ReleaseProduct],
    rfcs: RfcIndex | None,
    comparisons: Iterable[Comparison],
    on: dt.date,
) -> FreshnessReport:
    report = FreshnessReport(on)
    by_name = products_by_name(releases.values())
    names = tuple(sorted(by_name))
    finder = finder_for(names)
    seen: set[tuple[str, int, str, str]] = set()
    sources = list(cited_sources(root, docs_dir))
    comparisons = list(comparisons)
    report.from_data += sum(
        isinstance(cell, ReleaseCell) for table in comparisons for row in table.rows for cell in row.cells.values()
    )
    for source, text in sources:
        if source.endswith(".md"):
            parts = split_front_matter(text)
            body, first = (parts[1], parts[2]) if parts else (text, 1)
            report.from_data += macro_calls(body)
            found = list(markdown_statements(names, body, first))
        else:
            found = list(data_statements(names, text))
            if source.startswith("data/comparisons/"):
                found.extend(_column_claims(source, text, comparisons, finder))
        for statement in found:
            key = (source, statement.line, statement.name, statement.version)
            if key not in seen:
                seen.add(key)
                report.typed.append((source, statement))
                _judge_statement(report, source, statement, by_name[statement.name])
    for pin in find_pins(root):
        if pin.product in releases:
            report.pins.append(pin)
            _judge_pin(report, pin, releases[pin.product])
    report.warnings.extend(_snapshot_warnings(releases, on))
    if rfcs is not None:
        _judge_citations(report, rfcs, collect_citations(iter(sources)))
    return report


def _judge_statement(report: FreshnessReport, source: str, statement: Statement, product: ReleaseProduct) -> None:
    if statement.claim != "supported":
        return  # an end-of-life statement is counted; only "still supported" can go stale by itself
    said = f"'{statement.text}' calls {statement.name} {statement.version} current or supported"
    _judge(report, source, statement.line, "version statement", said, product, statement.version)


def _judge_pin(report: FreshnessReport, pin: Pin, product: ReleaseProduct) -> None:
    said = f"pins {product.title} {pin.version} ({pin.what})"
    _judge(report, pin.file, pin.line, "pinned version", said, product, pin.version)


def _judge(
    report: FreshnessReport, source: str, line: int, kind: str, said: str, product: ReleaseProduct, version: str
) -> None:
    where = f"data/releases/{product.id}.yml, snapshot of {product.snapshot.isoformat()}"
    release = find_cycle(product, version)
    if release is None:
        message = f"{said}, a release the snapshot does not know ({where}): check the version or refresh the data"
        report.warnings.append(SourceProblem(source, line, kind, message))
        return
    if is_eol(release, report.on):
        ended = f"on {release.eol.isoformat()}" if isinstance(release.eol, dt.date) else ""
        now = ", ".join(r.cycle for r in supported(product, report.on)) or "none"
        advice = (
            "move to a supported release"
            if kind == "pinned version"
            else f'say it with release("{product.id}", "lts") or release_status("{product.id}", "{release.cycle}")'
        )
        message = f"{said}, but it reached end of life {ended} ({where}; supported now: {now}): {advice}"
        report.problems.append(SourceProblem(source, line, kind, message))
        return
    days = _days_left(release, report.on)
    if days is not None and days <= WARN_DAYS:
        message = f"{said}; it reaches end of life on {release.eol} (in {days} days; {where})"
        report.warnings.append(SourceProblem(source, line, kind, message))


def _days_left(release: ReleaseCycle, on: dt.date) -> int | None:
    return (release.eol - on).days if isinstance(release.eol, dt.date) else None


def _column_claims(
    source: str, text: str, comparisons: Iterable[Comparison], finder: StatementFinder
) -> Iterator[Statement]:
    """In a comparison column headed current, latest or supported, every version a cell names is a claim."""
    lines = text.splitlines()
    for table in comparisons:
        if not any(f"id: {table.id}" in line for line in lines[:5]):
            continue
        keys = [column.key for column in table.columns if _CLAIMING_COLUMN.search(column.label)]
        for row in table.rows:
            for key in keys:
                cell = row.cells.get(key)
                if isinstance(cell, ReleaseCell):
                    continue  # its versions come from the snapshot: counted with the macro calls
                cell_text = cell if isinstance(cell, str) else cell.text if cell is not None else ""
                line = next((n for n, raw in enumerate(lines, 1) if cell_text[:30] in raw), 1)
                for name, version, before, after in finder.mentions(cell_text):
                    # `on Ruby 3.2 or later` is a minimum and `since Rust 1.85` a date: neither is a claim.
                    if _NOT_A_CLAIM_BEFORE.search(before) or _NOT_A_CLAIM_AFTER.match(after):
                        continue
                    if not finder.eol_after.match(after):
                        yield Statement(line, name, version, "supported", cell_text[:100])


def _snapshot_warnings(releases: dict[str, ReleaseProduct], on: dt.date) -> Iterator[SourceProblem]:
    old = sorted(p.id for p in releases.values() if (on - p.snapshot).days > SNAPSHOT_MAX_AGE)
    if old:
        oldest = min(releases[p].snapshot for p in old)
        yield SourceProblem(
            "data/releases",
            1,
            "snapshot",
            f"{len(old)} snapshots are more than {SNAPSHOT_MAX_AGE} days old on {on.isoformat()} (oldest "
            f"{oldest.isoformat()}): releases since then are unknown; refresh with python -m tools.facts.refresh",
        )
    for product in releases.values():
        ended = newest_known_ended(product, on)
        if ended is not None:
            yield SourceProblem(
                f"data/releases/{product.id}.yml",
                1,
                "releases",
                f"the newest release in the snapshot, {product.title} {ended.cycle}, is past end of life: "
                "a newer release exists that the snapshot predates; refresh it",
            )


def _judge_citations(report: FreshnessReport, rfcs: RfcIndex, cited: dict[int, list[tuple[str, int]]]) -> None:
    index = {rfc.number: rfc for rfc in rfcs.rfcs}
    citing = {(file, number) for number, places in cited.items() for file, _ in places}
    for number, places in sorted(cited.items()):
        rfc = index.get(number)
        if rfc is None:
            file, line = places[0]
            message = (
                f"RFC {number} is not in the RFC index snapshot of {rfcs.snapshot.isoformat()} "
                "(data/standards/rfcs.yml): check the number, or refresh the snapshot"
            )
            report.warnings.append(SourceProblem(file, line, "citation", message))
            continue
        if not rfc.obsoleted_by:
            continue
        replaced = ", ".join(f"RFC {n}" for n in rfc.obsoleted_by)
        for file, line in places:
            report.obsolete.append(ObsoleteCitation(number, rfc.title, tuple(rfc.obsoleted_by), file, line))
            also = [n for n in rfc.obsoleted_by if (file, n) in citing]
            note = f" (it cites {', '.join(f'RFC {n}' for n in also)} too)" if also else ""
            message = f"cites RFC {number}, obsoleted by {replaced}{note}"
            report.warnings.append(SourceProblem(file, line, "citation", message))
