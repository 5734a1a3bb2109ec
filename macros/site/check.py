"""Validate data files and lesson front matter without building the site.

    python -m macros.site.check [ROOT]

Prints every problem as `file:line: field: message` and exits 1, or prints a summary and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from macros.core.errors import SourceError
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
