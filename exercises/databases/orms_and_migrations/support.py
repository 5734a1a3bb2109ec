"""What the migration checks share: the lesson's Alembic project (revisions 0001 and 0002) with the answer added
as revision 0003, in a temporary copy, run against a throwaway PostgreSQL database."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, MetaData

from examples.databases.orms_and_migrations.catalogue import postgres_engine_url
from examples.databases.orms_and_migrations.migrate import MIGRATIONS
from examples.databases.orms_and_migrations.models import Base


class Project:
    """The lesson's migrations plus the answer's revision, runnable with Alembic's commands."""

    def __init__(self, answer: Path, workdir: Path, url: str) -> None:
        self.scripts = workdir / "migrations"
        shutil.copytree(MIGRATIONS, self.scripts, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(answer, self.scripts / "versions" / "0003_answer.py")
        self.url = postgres_engine_url(url)

    def config(self, output: StringIO | None = None) -> Config:
        config = Config(output_buffer=output)
        config.set_main_option("script_location", str(self.scripts))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return config

    def upgrade(self, revision: str = "head", connection: Connection | None = None) -> None:
        """Upgrade; with `connection`, on that connection (env.py uses one passed in config.attributes)."""
        config = self.config()
        if connection is not None:
            config.attributes["connection"] = connection
        command.upgrade(config, revision)

    def downgrade(self, revision: str) -> None:
        command.downgrade(self.config(), revision)

    def upgrade_sql(self, revision: str) -> str:
        output = StringIO()
        command.upgrade(self.config(output), revision, sql=True)
        return output.getvalue()


def models_copy() -> MetaData:
    """A copy of the lesson's model metadata that an exercise can change to what its revision should produce."""
    copy = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(copy)
    return copy
