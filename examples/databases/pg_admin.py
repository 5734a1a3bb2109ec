"""Test helper shared by the chapter's PostgreSQL tests: a module-scoped database made from the admin URL.

Loading tens of thousands of rows per test is slow, so modules that only read (or clean up after
themselves) share one database, created here and dropped afterwards.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def with_database(url: str, database: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def admin_connect(admin_url: str, wait_seconds: float = 15.0) -> psycopg.Connection:
    """Connect as the admin, waiting while a freshly started server still reports 'starting up'."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return psycopg.connect(admin_url, autocommit=True)
        except psycopg.OperationalError as exc:
            if "starting up" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def scratch_database(admin_url: str, prefix: str, template: str | None = None) -> Iterator[str]:
    """Create a database (optionally a copy of `template`), yield its URL, drop it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
    with admin_connect(admin_url) as admin:
        admin.execute(create)
    try:
        yield with_database(admin_url, name)
    finally:
        with admin_connect(admin_url) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
