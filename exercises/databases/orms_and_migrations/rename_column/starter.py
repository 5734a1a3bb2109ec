"""Exercise: the rename that would have erased every author's name.

Symptom: the model renamed Author.name to Author.display_name, and `alembic revision --autogenerate`
produced the revision below. CI passed: its database is empty. On the staging copy of production the
upgrade failed (a NOT NULL column cannot be added to a table that has rows), and had it succeeded, every
author's name would be gone.

Diagnose it with the check (`make exercise ID=databases/orms_and_migrations/rename_column`): it upgrades a
database that has authors to 0002, writes a few, runs this revision, and reads them back; then it downgrades.
Then rewrite the revision by hand so the data survives both ways and the schema matches the renamed model.

(In production a rename is also an expand-and-contract change, because the running version still reads
`name` during the deploy; the lesson on schema design covers that part. This exercise is about the revision.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("authors", sa.Column("display_name", sa.String(length=200), nullable=False))
    op.drop_column("authors", "name")


def downgrade() -> None:
    op.add_column("authors", sa.Column("name", sa.VARCHAR(length=200), autoincrement=False, nullable=False))
    op.drop_column("authors", "display_name")
