"""A reference solution: each range is read as the OSV format defines it, as a sorted walk over its events."""

from dataclasses import dataclass

from packaging.version import Version

from examples.security.security_testing.sca import pinned

VERSION_RANGES = {"ECOSYSTEM", "SEMVER"}  # GIT ranges hold commit hashes, which say nothing about a version


@dataclass(frozen=True)
class Vulnerable:
    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed_in: str | None


def event_version(event: dict) -> Version:
    value = next(iter(event.values()))
    return Version("0") if value == "0" else Version(value)


def in_range(version: Version, events: list[dict]) -> tuple[bool, str | None]:
    """(affected, the fixed version that ends the branch it is on, if any)."""
    ordered = sorted(events, key=event_version)
    affected = False
    for event in ordered:
        kind, at = next(iter(event)), event_version(event)
        if at > version:
            break  # later events are about later versions
        if kind == "introduced":
            affected = True
        elif kind == "last_affected":
            affected = affected and at == version  # inclusive: the last affected version itself still is
        else:  # "fixed" or "limit": from here on, not affected
            affected = False
    if not affected:
        return False, None
    # The first fix above the version closes the branch it is on.
    fix = next((e["fixed"] for e in ordered if "fixed" in e and event_version(e) > version), None)
    return True, fix


def matches(version: Version, affected: dict) -> tuple[bool, str | None]:
    if str(version) in affected.get("versions", []):
        return True, None
    for event_range in affected.get("ranges", []):
        if event_range.get("type") not in VERSION_RANGES:
            continue
        hit, fix = in_range(version, event_range["events"])
        if hit:
            return True, fix
    return False, None


def audit(requirements: str, advisories: list[dict]) -> list[Vulnerable]:
    found = []
    for name, version in pinned(requirements).items():
        for advisory in advisories:
            for affected in advisory["affected"]:
                if affected["package"]["name"].lower() != name:
                    continue
                hit, fix = matches(version, affected)
                if hit:
                    aliases = tuple(advisory.get("aliases", []))
                    found.append(Vulnerable(name, str(version), advisory["id"], aliases, fix))
                    break  # one report per advisory, even if two affected entries match
    return found
