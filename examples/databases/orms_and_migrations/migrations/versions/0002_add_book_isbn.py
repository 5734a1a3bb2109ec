"""Add an optional, unique ISBN to books.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# --8<-- [start:second]
def upgrade() -> None:
    # NULLable, so existing rows and the application version still running during the deploy keep working.
    op.add_column("books", sa.Column("isbn", sa.String(17), nullable=True))
    op.create_unique_constraint("uq_books_isbn", "books", ["isbn"])


def downgrade() -> None:
    # Dropping the column loses the ISBNs written since the upgrade: a downgrade can be destructive.
    op.drop_constraint("uq_books_isbn", "books", type_="unique")
    op.drop_column("books", "isbn")


# --8<-- [end:second]
