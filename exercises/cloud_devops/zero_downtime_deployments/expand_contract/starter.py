"""The plan for renaming users.fullname to users.display_name while the service keeps serving.

The pipeline runs each phase in order: first its SQL statements (each on its own, in autocommit, while the
release deployed before keeps serving), then, if the phase names one, it rolls out that release of the
service. The releases and their queries are in versions.py beside this file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    name: str
    sql: tuple[str, ...] = ()  # statements run one by one, before the rollout
    deploy: str | None = None  # "v2" or "v3": the release rolled out after the statements


PHASES: list[Phase] = [
    Phase("rename the column", sql=("ALTER TABLE users RENAME COLUMN fullname TO display_name",), deploy="v3"),
]
