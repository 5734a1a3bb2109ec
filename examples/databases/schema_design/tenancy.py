"""A shared-schema multi-tenant table guarded by PostgreSQL row-level security (tenancy.sql)."""

from __future__ import annotations

from pathlib import Path

import psycopg
from psycopg import sql

SCHEMA = Path(__file__).with_name("tenancy.sql")


def app_role(conn: psycopg.Connection) -> str:
    # Roles belong to the whole server: one per test database keeps parallel tests apart.
    return f"app_{conn.info.dbname}"


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        role = app_role(conn)
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
        conn.execute(SCHEMA.read_text().replace("app_role", f'"{role}"'))


def drop_role(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        role = sql.Identifier(app_role(conn))
        conn.execute(sql.SQL("DROP OWNED BY {}").format(role))
        conn.execute(sql.SQL("DROP ROLE {}").format(role))


# --8<-- [start:tenant_session]
def invoices_for(url: str, tenant: str) -> list[str]:
    """The tenant comes from the authenticated request (a token's claim), never from a query parameter."""
    with psycopg.connect(url) as conn, conn.transaction():
        # true = local to this transaction, so a pooled connection cannot carry the id into the next request.
        conn.execute("SELECT set_config('app.tenant_id', %s, true)", (tenant,))
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(app_role(conn))))  # not the owner
        return [row[0] for row in conn.execute("SELECT number FROM invoices ORDER BY number")]


# --8<-- [end:tenant_session]


def insert_as(url: str, tenant: str, row_tenant: str, number: str) -> None:
    """Try to write a row for `row_tenant` while acting for `tenant`."""
    with psycopg.connect(url) as conn, conn.transaction():
        conn.execute("SELECT set_config('app.tenant_id', %s, true)", (tenant,))
        conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(app_role(conn))))
        conn.execute("INSERT INTO invoices VALUES (%s, %s, 100)", (row_tenant, number))
