"""Reference solution: a rename is one catalog change, and autogenerate cannot see it.

Autogenerate compares two schemas; a column that disappeared and one that appeared look like a drop and an add,
so it wrote exactly that, which loses the data (or fails on a NOT NULL column in a table with rows). ALTER
TABLE ... RENAME COLUMN keeps the values, the NOT NULL and everything else, takes its ACCESS EXCLUSIVE lock only
for a moment, and reverses cleanly.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("authors", "name", new_column_name="display_name")


def downgrade() -> None:
    op.alter_column("authors", "display_name", new_column_name="name")
