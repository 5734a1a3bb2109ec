"""`exercise_check`: where a red-first exercise's starter, check and reference solution are, in one line.

One line of Markdown, so the call can sit inside the exercise's list item. The reference solution is named
by path, not shown: it stays out of the way until the reader goes looking for it.
"""

from __future__ import annotations

from macros.model.catalog import Catalog
from macros.render.common import UnknownName


def exercise_check(catalog: Catalog, exercise_id: str) -> str:
    check = catalog.exercise_checks.get(exercise_id)
    if check is None:
        known = ", ".join(sorted(catalog.exercise_checks)) or "none"
        raise UnknownName(f"no exercise check '{exercise_id}' in exercises/ (known: {known})")
    return (
        f"*Check it:* `make exercise ID={check.id}` runs the acceptance check on `{check.starter}`, "
        f"which fails until you fix it. A reference solution is in `{check.solution}`."
    )
