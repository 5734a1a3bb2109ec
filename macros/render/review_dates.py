"""The maintainers' review page: lessons whose last review is more than a year old, and the facts that the
next snapshot of the release and RFC data would change, all as of the build date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from macros.core.html import link, md_text
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.model.freshness import WARN_DAYS
from macros.model.releases import EVENTS, build_date, newest_known_ended
from macros.model.schema import ReleaseProduct

REVIEW_AGE_DAYS = 365


def review_dates(catalog: Catalog, url_for: UrlFor) -> str:
    on = build_date()
    return "\n\n".join(
        [
            "## Lessons due for review",
            _overdue_lessons(catalog, url_for, on),
            "## Facts the next snapshot would change",
            _snapshot_facts(catalog, on),
        ]
    )


def _overdue_lessons(catalog: Catalog, url_for: UrlFor, on: dt.date) -> str:
    overdue = sorted(
        (lesson for lesson in catalog.lessons.values() if (on - lesson.meta.last_reviewed).days > REVIEW_AGE_DAYS),
        key=lambda lesson: lesson.meta.last_reviewed,
    )
    if not overdue:
        oldest = min(catalog.lessons.values(), key=lambda lesson: lesson.meta.last_reviewed, default=None)
        if oldest is None:
            return "No lessons yet."
        due = oldest.meta.last_reviewed + dt.timedelta(days=REVIEW_AGE_DAYS)
        return (
            f"On {on.isoformat()}, every lesson was reviewed in the last 12 months. The next one due is "
            f"{link(oldest.meta.title, url_for(oldest.ref))}, on {due.isoformat()}."
        )
    rows = [
        f"| {link(lesson.meta.title, url_for(lesson.ref))} | {lesson.meta.last_reviewed.isoformat()} | "
        f"{(on - lesson.meta.last_reviewed).days} |"
        for lesson in overdue
    ]
    intro = f"On {on.isoformat()}, {len(overdue)} lessons were last reviewed more than 12 months ago:"
    return "\n".join([intro, "", "| Lesson | Last reviewed | Days since |", "| --- | --- | --- |", *rows])


def _snapshot_facts(catalog: Catalog, on: dt.date) -> str:
    parts = []
    passed = list(_milestones(catalog.releases.values(), lambda product, day: product.snapshot < day <= on))
    parts.append("**Happened since the snapshot** (the snapshot scheduled these; a refresh confirms or corrects them):")
    parts.append(_bullets(passed, "none"))
    soon = on + dt.timedelta(days=WARN_DAYS)
    coming = list(_milestones(catalog.releases.values(), lambda _product, day: on < day <= soon))
    parts.append(f"**Due in the next {WARN_DAYS} days** (what the site will say differently by {soon.isoformat()}):")
    parts.append(_bullets(coming, "none"))
    ended = [
        f"{product.title} {cycle.cycle} is past end of life and is the newest release the snapshot of "
        f"{product.snapshot.isoformat()} knows: a newer release exists"
        for product in catalog.releases.values()
        if (cycle := newest_known_ended(product, on)) is not None
    ]
    parts.append("**Releases the snapshot does not know:**")
    parts.append(_bullets(ended, "none found"))
    report = catalog.freshness
    if report is not None:
        warned = [f"`{w.file}:{w.line}`: {w.message}" for w in report.warnings if w.field != "citation"]
        parts.append(f"**Statements and pins the freshness check warns about** ({report.summary()}):")
        parts.append(_bullets(warned, "none"))
        obsolete = [
            f"`{c.file}:{c.line}` cites RFC {c.rfc} ({c.title}), obsoleted by "
            + ", ".join(f"RFC {n}" for n in c.obsoleted_by)
            for c in report.obsolete
        ]
        snapshot = catalog.rfcs.snapshot.isoformat() if catalog.rfcs else "(none)"
        parts.append(f"**Cited RFCs that are obsoleted** (RFC index snapshot of {snapshot}):")
        parts.append(_bullets(obsolete, "none"))
    return "\n\n".join(parts)


def _milestones(products: Iterable[ReleaseProduct], keep: Callable[[ReleaseProduct, dt.date], bool]) -> Iterator[str]:
    for product in products:
        for cycle in product.releases:
            for event, label in EVENTS.items():
                day = getattr(cycle, event)
                if isinstance(day, dt.date) and keep(product, day):
                    yield f"{day.isoformat()}: {product.title} {cycle.cycle}, {label}"


def _bullets(lines: list[str], empty: str) -> str:
    """A Markdown list of plain-text lines (`code` spans kept as code), sorted."""
    if not lines:
        return f"- {empty}"
    return "\n".join(f"- {md_text(line)}" for line in sorted(lines))
