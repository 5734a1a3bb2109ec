"""Alembic's entry point: it runs this file for every command, with `context` set up for that command.

Online mode migrates through a connection (one the caller passed in `config.attributes`, or a new one from
`sqlalchemy.url`); offline mode (`--sql`) only prints the SQL, for a reviewer or a DBA to run.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from examples.databases.orms_and_migrations.models import Base

config = context.config
# The models' metadata: what `alembic revision --autogenerate` compares the database against.
target_metadata = Base.metadata


def run_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    # PostgreSQL has transactional DDL: each upgrade runs in one transaction, so a failed step leaves nothing behind.
    context.configure(connection=connection, target_metadata=target_metadata, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    assert url, "set sqlalchemy.url or pass a connection in config.attributes"
    with create_engine(url).connect() as new_connection:
        run_on(new_connection)


if context.is_offline_mode():
    run_offline()
else:
    run_online()
