"""Exercise: the migration that took the shop down for twenty minutes.

Symptom: this revision passed review, and the deploy froze every checkout for twenty minutes. books has 80
million rows in production; while the index was built, no book could be inserted or updated, and the
requests waiting on those writes used up the connection pool.

Diagnose it with the check (`make exercise ID=databases/orms_and_migrations/published_on_index`): it runs the
lesson's revisions 0001 and 0002, then this one, on PostgreSQL, reads the SQL it would run (offline mode), and
rolls it back and forth. Then rewrite it so the index is built without blocking writes, and make sure the
downgrade and a second upgrade still work.

Alembic hint: look up MigrationContext.autocommit_block and create_index's postgresql_concurrently.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("books", sa.Column("published_on", sa.Date(), nullable=True))
    op.create_index("ix_books_published_on", "books", ["published_on"])


def downgrade() -> None:
    op.drop_index("ix_books_published_on", table_name="books")
    op.drop_column("books", "published_on")
