"""Release facts at a date: which cycle is current or LTS, and whether a cycle is supported, from the snapshots
in data/releases/ (endoflife.date).

Everything is computed for a day, the build date: `SOURCE_DATE_EPOCH` when set (reproducible builds, and the
Makefile sets it to the last commit's time), today otherwise. A snapshot records dates ahead of it too
(a scheduled end of life, a line that becomes LTS in October), so the same snapshot answers correctly on later
days, until something happens that it could not know: a release after the snapshot. `newest_known_ended` finds
the sure sign of that, and the snapshot's age warns of it (macros/model/freshness.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from macros.model.schema import Milestone, ReleaseCycle, ReleaseProduct

# What a page may ask for instead of naming a cycle.
SELECTORS = {
    "current": "the newest release that is out and not past end of life",
    "lts": "the newest long-term support release that is out and not past end of life",
    "oldest-supported": "the oldest release not past end of life",
}
EVENTS = {
    "released": "the release date",
    "lts": "the date it became long-term support",
    "active_support": "the end of active support",
    "eol": "the end of life",
    "extended_support": "the end of extended support",
}


class ReleaseLookupError(ValueError):
    """A page asked for a product, cycle or date the snapshot does not have; the message says what it has."""


def build_date() -> dt.date:
    """The day the build judges facts on: SOURCE_DATE_EPOCH when set, else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def reached(milestone: Milestone | None, on: dt.date) -> bool:
    """Whether a milestone has happened by `on`: a date on or before it, or `true` (happened, date unknown)."""
    if isinstance(milestone, bool) or milestone is None:
        return bool(milestone)
    return milestone <= on


def is_out(release: ReleaseCycle, on: dt.date) -> bool:
    return release.released <= on


def is_eol(release: ReleaseCycle, on: dt.date) -> bool:
    return reached(release.eol, on)


def is_lts(release: ReleaseCycle, on: dt.date) -> bool:
    return reached(release.lts, on)


def supported(product: ReleaseProduct, on: dt.date) -> list[ReleaseCycle]:
    """The cycles out and not past end of life on `on`, newest first."""
    return sorted(
        (r for r in product.releases if is_out(r, on) and not is_eol(r, on)), key=lambda r: r.released, reverse=True
    )


def newest_known_ended(product: ReleaseProduct, on: dt.date) -> ReleaseCycle | None:
    """The newest cycle of the snapshot when it is already past end of life on `on`: then a newer release
    exists that the snapshot predates (an end of life is the next release's date for many products)."""
    released = [r for r in product.releases if is_out(r, on)]
    newest = max(released, key=lambda r: r.released, default=None)
    return newest if newest is not None and is_eol(newest, on) else None


def select(product: ReleaseProduct, which: str, on: dt.date) -> ReleaseCycle:
    """A cycle by name (`3.14`) or by selector (SELECTORS)."""
    if which not in SELECTORS:
        release = next((r for r in product.releases if r.cycle == which), None)
        if release is None:
            known = ", ".join(r.cycle for r in product.releases[:8])
            raise ReleaseLookupError(
                f"{product.title} has no release cycle '{which}' in its snapshot of {product.snapshot.isoformat()} "
                f"(newest: {known}; or one of {', '.join(SELECTORS)})"
            )
        return release
    # "current" cannot be answered when a newer release exists that the snapshot predates. ("lts" still can:
    # the releases it predates are newer than the LTS it names, and whether one became LTS is the snapshot
    # age's warning to give.)
    ended = newest_known_ended(product, on)
    if ended is not None and which == "current":
        raise ReleaseLookupError(
            f"the {product.title} snapshot of {product.snapshot.isoformat()} is out of date: its newest release, "
            f"{ended.cycle}, is past end of life on {on.isoformat()}, so a newer one exists; refresh data/releases "
            "(python -m tools.facts.refresh)"
        )
    candidates = supported(product, on)
    if which == "lts":
        candidates = [r for r in candidates if is_lts(r, on)]
    if not candidates:
        raise ReleaseLookupError(
            f"{product.title} has no release that is {SELECTORS[which].removeprefix('the ')} on {on.isoformat()}"
        )
    return candidates[-1] if which == "oldest-supported" else candidates[0]


def milestone_date(release: ReleaseCycle, event: str) -> dt.date:
    if event not in EVENTS:
        raise ReleaseLookupError(f"no event '{event}' (one of {', '.join(EVENTS)})")
    value = getattr(release, event)
    if not isinstance(value, dt.date):
        raise ReleaseLookupError(f"release {release.cycle} has no date for {EVENTS[event]} in the snapshot")
    return value


def status_text(release: ReleaseCycle, on: dt.date) -> str:
    """Where a cycle stands on `on`, in words: `end of life since 2026-10-27`, `supported until 2030-10-31`."""
    if not is_out(release, on):
        return f"not released until {release.released.isoformat()}"
    if is_eol(release, on):
        return f"end of life since {release.eol.isoformat()}" if isinstance(release.eol, dt.date) else "end of life"
    until = f" until {release.eol.isoformat()}" if isinstance(release.eol, dt.date) else ""
    if reached(release.active_support, on):
        return f"in maintenance{until}" if until else "in maintenance, no end of life announced"
    return f"supported{until}" if until else "supported, no end of life announced"


def find_cycle(product: ReleaseProduct, version: str) -> ReleaseCycle | None:
    """The cycle a version belongs to: `3.14.2` is in `3.14`, `26.1` in `26`, `1.34.0` in `1.34`."""
    matching = [r for r in product.releases if version == r.cycle or version.startswith(r.cycle + ".")]
    return max(matching, key=lambda r: len(r.cycle), default=None)


def products_by_name(products: Iterable[ReleaseProduct]) -> dict[str, ReleaseProduct]:
    """Every name lessons use for a product (`names`), mapped to its snapshot."""
    return {name: product for product in products for name in product.names}
