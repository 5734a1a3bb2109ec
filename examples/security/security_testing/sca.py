"""Software composition analysis in miniature: match pinned versions against advisories in OSV format.

Real tools (pip-audit, osv-scanner, Trivy, Grype, Dependabot) do the same with a live advisory database.
The advisories used by the tests are a dated snapshot so that the test suite needs no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

ADVISORY_SNAPSHOT = Path(__file__).with_name("advisories.json")


@dataclass(frozen=True)
class Vulnerable:
    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed_in: str


# --8<-- [start:audit]
def pinned(requirements: str) -> dict[str, Version]:
    """Read `name==version` lines; anything unpinned is itself a finding (builds are not reproducible)."""
    pins = {}
    for line in requirements.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        exact = [spec for spec in req.specifier if spec.operator == "=="]
        if not exact:
            raise ValueError(f"{req.name} is not pinned to one version")
        pins[req.name.lower()] = Version(exact[0].version)
    return pins


def audit(requirements: str, advisories: list[dict]) -> list[Vulnerable]:
    found = []
    for name, version in pinned(requirements).items():
        for advisory in advisories:
            for affected in advisory["affected"]:
                if affected["package"]["name"].lower() != name:
                    continue
                for event_range in affected["ranges"]:
                    introduced = Version(next(e["introduced"] for e in event_range["events"] if "introduced" in e))
                    fixed = next(e["fixed"] for e in event_range["events"] if "fixed" in e)
                    if introduced <= version < Version(fixed):
                        found.append(Vulnerable(name, str(version), advisory["id"], tuple(advisory["aliases"]), fixed))
    return found


# --8<-- [end:audit]


def load_snapshot() -> list[dict]:
    return json.loads(ADVISORY_SNAPSHOT.read_text(encoding="utf-8"))["advisories"]
