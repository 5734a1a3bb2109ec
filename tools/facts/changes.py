"""What a refresh changed, in words a maintainer reviews: new release cycles, changed dates, RFCs newly
obsoleted or updated. Compares the parsed data files before and after."""

from __future__ import annotations

from typing import Any

# The facts of a cycle a reader sees; `latest` (the newest patch) changes every month and says nothing stale.
WATCHED = ("released", "lts", "active_support", "eol", "extended_support")


def release_changes(product: str, old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    if old is None:
        return [f"{new['title']}: added ({len(new['releases'])} release cycles)"]
    before = {str(r["cycle"]): r for r in old.get("releases", [])}
    lines = []
    for release in new["releases"]:
        cycle = str(release["cycle"])
        if cycle not in before:
            lines.append(f"{new['title']} {cycle}: new release cycle, released {_show(release.get('released'))}")
            continue
        for name in WATCHED:
            was, now = before[cycle].get(name), release.get(name)
            if was != now:
                lines.append(f"{new['title']} {cycle}: {name} {_show(was)} -> {_show(now)}")
    gone = sorted(set(before) - {str(r["cycle"]) for r in new["releases"]})
    lines.extend(f"{new['title']} {cycle}: no longer listed" for cycle in gone)
    return lines


def rfc_changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    before = {r["number"]: r for r in (old or {}).get("rfcs", [])}
    lines = []
    for rfc in new["rfcs"]:
        was = before.get(rfc["number"])
        if was is None:
            continue  # newly cited: not a change of the standard
        for name, label in (("obsoleted_by", "obsoleted by"), ("updated_by", "updated by")):
            added = [n for n in rfc[name] if n not in was.get(name, [])]
            if added:
                numbers = ", ".join(f"RFC {n}" for n in added)
                lines.append(f"RFC {rfc['number']} ({rfc['title']}): now {label} {numbers}")
    return lines


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if value is True:
        return "yes (no date)"
    if value is False:
        return "no"
    return str(value)
