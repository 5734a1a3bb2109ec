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


# A DDL statement that waits for a lock queues every later query on the table behind it; give up quickly
# instead, and let the pipeline retry the phase.
LOCK_TIMEOUT = "SET lock_timeout = '2s'"

PHASES: list[Phase] = [
    # Expand: a new nullable column (instant, no rewrite), and the old one may be left empty from now on,
    # because v3 will not fill it. v1 keeps working: it neither reads nor needs either change.
    Phase(
        "expand",
        sql=(
            LOCK_TIMEOUT,
            "ALTER TABLE users ADD COLUMN display_name text",
            "ALTER TABLE users ALTER COLUMN fullname DROP NOT NULL",
        ),
    ),
    # Dual write: from here on every new row has both columns.
    Phase("dual write", deploy="v2"),
    # Backfill the rows written before v2, in batches that each hold their row locks only briefly. It runs
    # after v2 is everywhere: rows v1 wrote during v2's rollout are covered too.
    Phase(
        "backfill",
        sql=(
            """
            DO $$
            DECLARE moved integer;
            BEGIN
              LOOP
                UPDATE users SET display_name = fullname
                WHERE id IN (SELECT id FROM users WHERE display_name IS NULL LIMIT 500);
                GET DIAGNOSTICS moved = ROW_COUNT;
                EXIT WHEN moved = 0;
                COMMIT;
              END LOOP;
            END $$
            """,
        ),
    ),
    # Switch: v3 reads display_name only, which every row now has.
    Phase("switch reads", deploy="v3"),
    # Contract: only once no running release reads fullname (v2 fell back to it) and rolling back past v3
    # is no longer planned.
    Phase("contract", sql=(LOCK_TIMEOUT, "ALTER TABLE users DROP COLUMN fullname")),
]
