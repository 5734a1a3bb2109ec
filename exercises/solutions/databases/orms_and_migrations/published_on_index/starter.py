"""Reference solution: build the index CONCURRENTLY, outside the revision's transaction.

A plain CREATE INDEX holds a SHARE lock for the whole build, which blocks every INSERT, UPDATE and DELETE on
books. CREATE INDEX CONCURRENTLY lets writes continue, but PostgreSQL refuses to run it inside a transaction
block, and Alembic runs each revision in one: autocommit_block() commits what came before it, runs the
statement on its own, and starts a new transaction afterwards. The column is added first, in the revision's
transaction: a NULLable column without a default only changes the catalog. lock_timeout keeps the ALTER from
queueing every query behind it if a long transaction holds the table.

Dropping can be concurrent too, so the downgrade does not block writes either.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.add_column("books", sa.Column("published_on", sa.Date(), nullable=True))
    with op.get_context().autocommit_block():
        op.create_index("ix_books_published_on", "books", ["published_on"], postgresql_concurrently=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index("ix_books_published_on", table_name="books", postgresql_concurrently=True)
    op.drop_column("books", "published_on")
