"""Load the catalog and check every page against it: how the build, `make check-data` and the tests read
the sources. The model reads and cross-checks the data and front matter; the pages' contract is checked
here, where the documented macros it checks calls against are known. Every problem comes in one
`SourceError`. A build loads it once (the plugin's `on_config`) and the macros module takes that same
catalog (`current`); `make serve` loads it anew on every rebuild, so a save never leaves it stale.
"""

from __future__ import annotations

from pathlib import Path

from macros.core.errors import SourceError
from macros.guard.contract import check_pages
from macros.model.catalog import Catalog, read_catalog
from macros.model.freshness import check_freshness
from macros.model.releases import build_date
from macros.render.print_edition import print_edition
from macros.render.registry import Macro, page_macros
from macros.render.sql_exercises import load_expected

_current: dict[tuple[Path, Path], Catalog] = {}


def load_catalog(root: Path, docs_dir: Path | None = None) -> Catalog:
    """The catalog, with every page's contract checked; raises SourceError listing every problem."""
    root = root.resolve()
    docs_dir = (docs_dir or root / "docs").resolve()
    catalog, problems = read_catalog(root, docs_dir)
    macros = documented_macros(catalog, root)
    # Every file in a lesson's place is a lesson, loaded or not: one whose front matter failed is reported
    # once, by the lesson contract, not again as a page with unknown fields.
    sources = {
        str(path.relative_to(root))
        for area in catalog.skills.areas
        for path in (docs_dir / area.id).glob("*.md")
        if path.name != "index.md"
    }
    # Macro calls are run only when the data loaded cleanly: otherwise a call would fail for a reason
    # already reported.
    problems.extend(check_pages(root, docs_dir, macros, sources, evaluate=not problems))
    # Version and end-of-life facts judged on the build date: a stale one fails like any other problem.
    catalog.freshness = check_freshness(
        root, docs_dir, catalog.releases, catalog.rfcs, catalog.comparisons.values(), build_date()
    )
    problems.extend(catalog.freshness.problems)
    if problems:
        raise SourceError(problems)
    return catalog


def documented_macros(catalog: Catalog, root: Path) -> dict[str, Macro]:
    """The macros pages may call, as the page contract runs them to check each call."""
    return page_macros(catalog, lambda target: target, lambda area: print_edition(catalog, area), load_expected(root))


def load_for_build(root: Path, docs_dir: Path) -> Catalog:
    """Load the catalog at the start of a build and remember it for the rest of that build."""
    catalog = load_catalog(root, docs_dir)
    _current[(root.resolve(), docs_dir.resolve())] = catalog
    return catalog


def current(root: Path, docs_dir: Path) -> Catalog:
    """The catalog this build loaded, or (a generator that runs no plugin: Zensical) one loaded now."""
    catalog = _current.get((root.resolve(), docs_dir.resolve()))
    return catalog if catalog is not None else load_for_build(root, docs_dir)
