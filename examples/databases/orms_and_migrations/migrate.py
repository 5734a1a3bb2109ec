"""Run Alembic from Python: the same commands as the `alembic` CLI, without an alembic.ini file."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from examples.databases.orms_and_migrations.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"


# --8<-- [start:config]
def alembic_config(url: str, output: StringIO | None = None) -> Config:
    config = Config(output_buffer=output)
    config.set_main_option("script_location", str(MIGRATIONS))
    # Config values go through configparser interpolation, so a literal % (URL-encoded passwords) is doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def upgrade_sql(url: str, revision: str = "head") -> str:
    """Offline mode: the SQL the upgrade would run, for review, without touching the database."""
    output = StringIO()
    command.upgrade(alembic_config(url, output), revision, sql=True)
    return output.getvalue()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


# --8<-- [end:config]


# --8<-- [start:drift]
def schema_drift(engine: Engine) -> list[object]:
    """Differences between the migrated database and the models; empty when the migrations are complete."""
    from alembic.autogenerate import compare_metadata

    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


# --8<-- [end:drift]
