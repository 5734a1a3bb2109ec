"""Exercise: the dependency audit that said "clean".

Symptom: the nightly audit passed, but a customer's scanner flagged `examplelib 5.0.3` in our image. The advisory
lists three affected branches in one range (4.2 before 4.2.17, 5.0 before 5.0.10, 5.1 before 5.1.4), and our audit
reads only the first `introduced` and the first `fixed` event of a range. The same week it crashed on an advisory
with a GIT range (commit hashes are not versions) and on one with no fix yet.

Diagnose it with the check (`make exercise ID=security/security_testing/osv_ranges`): it feeds OSV advisories of
every shape the format allows to `audit`.

Fix: evaluate each range the way the OSV format defines: sort its events by version (`introduced: "0"` is the
lowest), then a version is affected when the last event at or below it is an `introduced` (or it equals a
`last_affected`), and not affected from a `fixed` or past a `last_affected` onward. Read ECOSYSTEM and SEMVER ranges
and skip GIT ones; count versions the advisory lists explicitly in `versions`. Report the fix of the branch the
version is on (None when there is none).
"""

from dataclasses import dataclass

from packaging.version import Version

from examples.security.security_testing.sca import pinned


@dataclass(frozen=True)
class Vulnerable:
    package: str
    version: str
    advisory: str
    aliases: tuple[str, ...]
    fixed_in: str | None


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
