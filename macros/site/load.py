"""Load the catalog and check every page against it: the one way the build, the data CLI and the tests
read the sources.

The data and the lessons' front matter are read and cross-checked by the model (macros/model/catalog.py);
the pages' contract (macros/guard/contract.py) is checked here, where the documented macros it checks
calls against are known. Every problem is raised in one `SourceError`.

A build loads the catalog once, in the plugin's `on_config`; the macros module and the search index then
take that same catalog (`current`) rather than reading every file again. `make serve` loads it anew on
every rebuild, so nothing is kept that a save could make stale.
"""

from __future__ import annotations

from pathlib import Path

from macros.core.errors import SourceError
from macros.guard.contract import check_pages
from macros.model.catalog import Catalog, read_catalog
from macros.render.print_edition import print_edition
from macros.render.registry import page_macros
from macros.render.sql_exercises import load_expected

_current: dict[tuple[Path, Path], Catalog] = {}


def load_catalog(root: Path, docs_dir: Path | None = None) -> Catalog:
    """The catalog, with every page's contract checked; raises SourceError listing every problem."""
    root = root.resolve()
    docs_dir = (docs_dir or root / "docs").resolve()
    catalog, problems = read_catalog(root, docs_dir)
    macros = page_macros(catalog, lambda target: target, lambda area: print_edition(catalog, area), load_expected(root))
    sources = {lesson.source for lesson in catalog.lessons.values()}
    # Macro calls are run only when the data loaded cleanly: otherwise a call would fail for a reason
    # already reported.
    problems.extend(check_pages(root, docs_dir, macros, sources, evaluate=not problems))
    if problems:
        raise SourceError(problems)
    return catalog


def load_for_build(root: Path, docs_dir: Path) -> Catalog:
    """Load the catalog at the start of a build and remember it for the rest of that build."""
    catalog = load_catalog(root, docs_dir)
    _current[(root.resolve(), docs_dir.resolve())] = catalog
    return catalog


def current(root: Path, docs_dir: Path) -> Catalog:
    """The catalog this build loaded, or (a generator that runs no plugin: Zensical) one loaded now."""
    catalog = _current.get((root.resolve(), docs_dir.resolve()))
    return catalog if catalog is not None else load_for_build(root, docs_dir)
