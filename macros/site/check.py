"""Validate data files and lesson front matter without building the site.

    python -m macros.site.check [ROOT]

Prints every problem as `file:line: field: message` and exits 1, or prints a summary and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.core.errors import SourceError
from macros.model.catalog import Catalog
from macros.site.load import load_catalog


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path.cwd()
    try:
        catalog = load_catalog(root)
    except SourceError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(
        f"OK: {len(catalog.skills.areas)} areas, {len(catalog.lessons)} lessons, "
        f"{len(catalog.checklists)} checklists, {len(catalog.comparisons)} comparisons, "
        f"{len(catalog.glossary)} glossary terms, {len(catalog.questions)} question banks, "
        f"{len(catalog.paths)} learning paths, {len(catalog.topics.topics) if catalog.topics else 0} topics"
    )
    print(exercise_report(catalog))
    print(f"lessons with an expert review on record: {len(catalog.reviews)} of {len(catalog.lessons)}")
    print(freshness_report(catalog))
    return 0


def freshness_report(catalog: Catalog) -> str:
    """How many version facts come from data and how many are typed, then every freshness warning."""
    report = catalog.freshness
    if report is None:
        return "version and end-of-life statements: not checked"
    lines = [f"{report.summary()}; {len(report.pins)} pinned versions checked (on {report.on.isoformat()})"]
    lines.extend(f"warning: {warning}" for warning in report.warnings)
    return "\n".join(lines)


def exercise_report(catalog: Catalog) -> str:
    """Per area, how many exercises have a red-first check and how many a rubric (spec section 3)."""
    lines = []
    total = checked = rubrics = 0
    for area in catalog.skills.areas:
        items = [item for lesson in catalog.lessons.values() if lesson.area == area.id for item in lesson.exercises]
        if not items:
            continue
        red = sum(item.red_first for item in items)
        rubric = sum(item.rubric and not item.red_first for item in items)
        total, checked, rubrics = total + len(items), checked + red, rubrics + rubric
        lines.append(f"  {area.id}: {red} of {len(items)} with a failing-first check, {rubric} with a rubric")
    lines.append(f"exercises with a rubric: {rubrics} of {total}")
    lines.append(f"exercises with a failing-first check: {checked} of {total}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
